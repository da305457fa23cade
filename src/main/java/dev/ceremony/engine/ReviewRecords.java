package dev.ceremony.engine;

/**
 * Where a completed review left its verdicts: the log's {@code request-reviewed} records with
 * sequence numbers from {@code first} to {@code last}, {@code accepted} of them accepted. The sign
 * step reads them back from the log, so a batch of any size is never held in memory.
 */
record ReviewRecords(long first, long last, long accepted) {

    ReviewRecords {
        if (first < 0 || last < first || accepted < 0) {
            throw new IllegalArgumentException("a review's records run from a first to a last record");
        }
    }

    boolean holds(long seq) {
        return seq >= first && seq <= last;
    }
}

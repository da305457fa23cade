package dev.ceremony.engine;

/**
 * Where a completed review left its verdicts: the log's {@code request-reviewed} records with
 * sequence numbers from {@code first} to {@code last}, {@code accepted} of them accepted and to be
 * signed (those the officer left out are not counted). The sign
 * step reads them back from the log, so a batch of any size is never held in memory.
 */
record ReviewRecords(long first, long last, long accepted, java.util.Set<String> leftOut) {

    /**
     * @param leftOut the quarantined files of accepted requests the officer left out of the signing
     */
    ReviewRecords {
        if (first < 0 || last < first || accepted < 0) {
            throw new IllegalArgumentException("a review's records run from a first to a last record");
        }
        leftOut = java.util.Set.copyOf(leftOut);
    }

    boolean holds(long seq) {
        return seq >= first && seq <= last;
    }
}

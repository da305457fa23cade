package dev.ceremony.media;

/**
 * How much one import may bring in: files, total bytes, and bytes per file (a CSR is a few KiB;
 * 64 KiB is generous and keeps a hostile medium from filling the records).
 */
public record ImportLimits(int maxFiles, long maxTotalBytes, int maxFileBytes) {

    /** Largest file ever imported. */
    public static final int MAX_FILE_BYTES = 64 * 1024;

    /** 10,000 files and 64 MiB per import. */
    public static final ImportLimits DEFAULT = new ImportLimits(10_000, 64L * 1024 * 1024, MAX_FILE_BYTES);

    public ImportLimits {
        if (maxFiles < 1 || maxTotalBytes < 1 || maxFileBytes < 1 || maxFileBytes > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("import limits must be positive, with at most " + MAX_FILE_BYTES
                    + " bytes per file");
        }
    }
}

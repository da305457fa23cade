package dev.ceremony.media;

/** A part a folder plays in a ceremony; no folder plays two, nor lies inside another's. */
public enum MediaRole {
    /** Where the requests to sign come from. */
    IMPORT("the import medium"),
    /** Where the certificates, chains and bundles go. */
    EXPORT("the export medium"),
    /** The CA's memory: the audit log and what derives from it. */
    RECORDS("the records directory (records.directory in ceremony.yaml)"),
    /** The second copy of the log and the records, on another medium. */
    MIRROR("the mirror (records.mirror in ceremony.yaml)");

    private final String words;

    MediaRole(String words) {
        this.words = words;
    }

    /** How a message names the role. */
    public String words() {
        return words;
    }
}

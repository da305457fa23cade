package dev.ceremony.quorum;

/** Whose token PIN a quorum guards: the user's (who signs) or the security officer's (who could reset it). */
public enum PinRole {
    USER("user"),
    SO("SO");

    private final String word;

    PinRole(String word) {
        this.word = word;
    }

    /** "user" or "SO", as in "the user PIN". */
    public String word() {
        return word;
    }
}

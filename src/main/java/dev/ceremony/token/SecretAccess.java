package dev.ceremony.token;

/**
 * A capability that every reader of a secret must name. Grepping for {@code SecretAccess.} finds
 * every place in the code base that touches a PIN in the clear.
 */
public final class SecretAccess {

    /** The only reason Ceremony reads a PIN: to hand it to the token's C_Login. */
    public static final SecretAccess TOKEN_LOGIN = new SecretAccess("token login");

    private final String purpose;

    private SecretAccess(String purpose) {
        this.purpose = purpose;
    }

    @Override
    public String toString() {
        return "SecretAccess(" + purpose + ")";
    }
}

package dev.ceremony.token;

/**
 * A capability that every reader of a secret must name. Grepping for {@code SecretAccess.} finds
 * every place in the code base that touches a PIN in the clear.
 */
public final class SecretAccess {

    /** The only reason Ceremony reads a PIN: to hand it to the token's C_Login. */
    public static final SecretAccess TOKEN_LOGIN = new SecretAccess("token login");

    /** To hand the old and the new PIN to the token's C_SetPIN. */
    public static final SecretAccess PIN_CHANGE = new SecretAccess("token PIN change");

    /** To split a PIN the appliance drew into custodians' shares, or to check combined shares. */
    public static final SecretAccess QUORUM = new SecretAccess("quorum split and check");

    private final String purpose;

    private SecretAccess(String purpose) {
        this.purpose = purpose;
    }

    @Override
    public String toString() {
        return "SecretAccess(" + purpose + ")";
    }
}

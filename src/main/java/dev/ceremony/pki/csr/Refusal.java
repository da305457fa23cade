package dev.ceremony.pki.csr;

import java.util.Objects;

/** Why a request is refused: a stable rule id and a sentence a person understands. */
public record Refusal(String rule, String reason) {

    public Refusal {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return "[" + rule + "] " + reason;
    }
}

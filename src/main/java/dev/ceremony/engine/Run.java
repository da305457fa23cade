package dev.ceremony.engine;

import dev.ceremony.audit.AuditTrail;
import dev.ceremony.audit.SealSigner;
import dev.ceremony.audit.TokenSealSigner;
import dev.ceremony.pki.CaSigner;
import dev.ceremony.pki.KeyIds;
import dev.ceremony.records.CaRecords;
import dev.ceremony.records.RecordsHistory;
import dev.ceremony.token.KeyHandle;
import dev.ceremony.token.KeyLabel;
import dev.ceremony.token.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * One ceremony while it runs: the setup, the request, what the steps have made so far (keys,
 * CAs, imports, reviews), and the log, which before the root ceremony's audit key exists is a
 * list of records waiting for the log to start.
 */
final class Run implements AuditTrail {

    final EngineSetup setup;
    final RunRequest request;
    final Operator operator;
    final String ceremony;
    final LogState before;
    final CaRequests certificates;
    final Map<String, KeyHandle> keys = new HashMap<>();
    final Map<String, CaSigner> cas = new HashMap<>();
    /** The quarantine folder of the import the import step completed, once it has. */
    Optional<String> importId = Optional.empty();
    /** Where the completed review's records are in the log, once it has completed. */
    Optional<ReviewRecords> reviewed = Optional.empty();
    /** The reviewed requests (by source) the sign step did not sign: the ceremony then does not end as a plain success. */
    final List<String> notSigned = new ArrayList<>();
    private final List<Map.Entry<String, Map<String, Object>>> pending = new ArrayList<>();
    private Map<String, Object> startData;
    private Workspace workspace;
    private Token token;
    private SealSigner sealer;
    /** The user PIN the ceremony logged in with, kept only for a script that changes a PIN; wiped at close. */
    private dev.ceremony.token.Pin loginPin;

    Run(EngineSetup setup, RunRequest request, Operator operator, String ceremony, LogState before) {
        this.setup = setup;
        this.request = request;
        this.operator = operator;
        this.ceremony = ceremony;
        this.before = before;
        this.certificates = new CaRequests(setup.profiles(), setup.config().dnDefaults(),
                () -> CaCertificates.of(records()));
    }

    ScriptStep step(String id) {
        return request.script().script().steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    /** Keeps the ceremony's start until the root ceremony's audit key exists and the log can start. */
    void awaitLog(Map<String, Object> data) {
        startData = new LinkedHashMap<>(data);
    }

    boolean logStarted() {
        return workspace != null;
    }

    void attach(Workspace opened) {
        workspace = opened;
    }

    /** Starts the log around the audit key just generated and writes the records that waited. */
    void startLog(KeyHandle auditKey) {
        workspace = setup.store().create(ceremony, auditKey.requirePublicKey().getEncoded(), startData);
        for (Map.Entry<String, Map<String, Object>> record : pending) {
            workspace.log().append(record.getKey(), record.getValue());
        }
        pending.clear();
        workspace.log().sync();
    }

    Workspace workspace() {
        if (workspace == null) {
            throw new IllegalStateException("the audit log has not started");
        }
        return workspace;
    }

    CaRecords records() {
        return workspace().records();
    }

    /** Appends to the log; before the root ceremony's log starts, keeps the record and returns null. */
    @Override
    public dev.ceremony.audit.AuditEntry append(String type, Map<String, Object> data) {
        if (workspace == null) {
            pending.add(Map.entry(type, new LinkedHashMap<>(data)));
            return null;
        }
        return workspace.log().append(type, data);
    }

    @Override
    public void sync() {
        if (workspace != null) {
            workspace.log().sync();
        }
    }

    /** Seals the log when it can (the log and the audit key exist); tells the officers the head. */
    void seal() {
        if (workspace != null && sealer != null) {
            workspace.log().seal(sealer);
            operator.say("Sealed; head " + workspace.log().head());
        }
    }

    Optional<Token> token() {
        return Optional.ofNullable(token);
    }

    Token requireToken() {
        if (token == null) {
            throw new StepRefused("the token is not open: the preflight step opens it and logs in");
        }
        return token;
    }

    void token(Token opened) {
        token = opened;
    }

    void sealWith(KeyHandle auditKey) {
        sealer = new TokenSealSigner(requireToken(), auditKey, setup.verifier());
    }

    SealSigner sealer() {
        if (sealer == null) {
            throw new StepRefused("the audit key is not ready to sign");
        }
        return sealer;
    }

    /**
     * The CA a step names: one made earlier in this ceremony, else the newest generation the
     * records hold, with its key found on the token and checked to be the certificate's key.
     */
    CaSigner ca(String reference) {
        CaSigner made = cas.get(reference);
        if (made != null) {
            return made;
        }
        String name = CaNames.current(records().caCertificateNames(), reference).orElseThrow(() -> new StepRefused(
                "there is no CA '" + reference + "' in the records" + (reference.equals(CaNames.ROOT)
                        ? "; the root-ca ceremony creates it" : "; the intermediate-ca ceremony creates it")));
        return caNamed(name);
    }

    /** The CA stored under a records name, with its key from the token. */
    CaSigner caNamed(String name) {
        X509CertificateHolder certificate = records().caCertificate(name).orElseThrow(() -> new StepRefused(
                "the records hold no CA certificate '" + name + "'"));
        KeyHandle key = requireToken().findKey(new KeyLabel(name)).orElseThrow(() -> new StepRefused(
                "the token holds no key labelled '" + name + "' for the CA certificate " + certificate.getSubject()
                        + "; is this the right token?"));
        String keySha = key.publicKeySha256().orElseThrow(() -> new StepRefused("the key '" + name
                + "' has no public key on the token to compare with its certificate"));
        if (!keySha.equals(RecordsHistory.sha256(certificate.getSubjectPublicKeyInfo()))) {
            throw new StepRefused("the key labelled '" + name + "' on the token is not the key of the CA certificate "
                    + certificate.getSubject() + " in the records; is this the right token?");
        }
        return CaSigner.of(key, certificate);
    }

    /** The records name of the CA certificate whose subject key id is {@code keyId}. */
    Optional<String> caNameOf(String keyId) {
        for (String name : records().caCertificateNames()) {
            Optional<X509CertificateHolder> certificate = records().caCertificate(name);
            if (certificate.isPresent() && KeyIds.subjectKeyId(certificate.get()).equals(keyId)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /**
     * This ceremony's records of {@code types}, as the log holds them now (synced first), one at a
     * time in log order.
     */
    void eachRecord(Set<String> types, java.util.function.Consumer<dev.ceremony.audit.AuditEntry> visitor) {
        sync();
        LogState.visit(setup.store().openLog(), ceremony, types, visitor);
    }

    /** The log as it is now, with this ceremony's records of {@code types} (and its first and last). */
    LogState now(Set<String> types) {
        sync();
        return LogState.read(setup.store().openLog(), types);
    }

    /** Keeps the PIN the user is logged in with (replacing and wiping one kept before). */
    void keepLoginPin(dev.ceremony.token.Pin pin) {
        if (loginPin != null && loginPin != pin) {
            loginPin.destroy();
        }
        loginPin = pin;
    }

    /** The PIN the user is logged in with, for a PIN change. */
    dev.ceremony.token.Pin loginPin() {
        if (loginPin == null || loginPin.isDestroyed()) {
            throw new IllegalStateException("the login PIN was not kept for this ceremony");
        }
        return loginPin;
    }

    void close() {
        if (loginPin != null) {
            loginPin.destroy();
        }
        try {
            if (workspace != null) {
                workspace.close();
            }
        } finally {
            if (token != null) {
                token.close();
            }
        }
    }
}

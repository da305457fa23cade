package dev.ceremony.engine;

import dev.ceremony.pki.CaSigner;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Shows that devices trusting only the root ({@code ca-bundle.pem}) keep working across the
 * rotation: the new intermediate is signed by that same root, so a peer that presents its chain
 * (leaf, then intermediate) verifies against the unchanged bundle.
 */
final class RootOnlyBundleStep implements StepHandler {

    @Override
    public Map<String, Object> run(Run run, ScriptStep step) {
        CaSigner issuer = run.ca(step.arguments().get("issuer"));
        X509CertificateHolder intermediate = issuer.certificate().orElseThrow();
        X509CertificateHolder root = run.records().caCertificate(CaNames.ROOT_RECORD).orElseThrow(() ->
                new StepRefused("the records hold no root certificate"));
        boolean signedByRoot;
        try {
            signedByRoot = intermediate.getIssuer().equals(root.getSubject()) && intermediate.isSignatureValid(
                    new JcaContentVerifierProviderBuilder().setProvider(run.setup.verifier()).build(root));
        } catch (org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.cert.CertException
                | java.security.cert.CertificateException e) {
            throw new StepRefused("cannot check " + intermediate.getSubject() + " against the root: " + e.getMessage(), e);
        }
        if (!signedByRoot) {
            throw new StepRefused(intermediate.getSubject() + " is not signed by the root in ca-bundle.pem; devices "
                    + "that trust only the root would reject it");
        }
        run.operator.say("ca-bundle.pem (the root only) is unchanged. " + intermediate.getSubject() + " is signed by "
                + "that root, so devices with the root-only bundle accept brokers and devices that present the new "
                + "chain, as they accept those still on the old intermediate.");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("intermediate", intermediate.getSubject().toString());
        details.put("root", root.getSubject().toString());
        details.put("signed-by-root", true);
        return details;
    }
}

package dev.ceremony.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ceremony.engine.RunOutcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How 'ceremony run' reports the end of a ceremony, and its exit status. */
class RunCommandReportTest {

    private static final String HEAD = "a".repeat(64);

    private static RunOutcome completed(List<String> notSigned) {
        return new RunOutcome("sign-csrs-1", RunOutcome.Ending.COMPLETED, Optional.of(HEAD),
                Optional.of(Path.of("t.txt")), Optional.empty(), notSigned);
    }

    @Test
    void aCeremonyCompletedWithReviewedRequestsNotSigned_namesThem_andExitsOne() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int status = RunCommand.report(new PrintWriter(out), new PrintWriter(err), completed(List.of("victim.csr")),
                "sign-csrs");

        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).contains("Ceremony sign-csrs-1 completed with 1 reviewed request(s) not signed: "
                + "victim.csr.").doesNotContain("completed.\n");
        assertThat(err.toString()).contains("completed with 1 reviewed request(s) not signed: victim.csr");
    }

    @Test
    void aCeremonyThatSignedEveryReviewedRequest_exitsZero() {
        StringWriter out = new StringWriter();

        int status = RunCommand.report(new PrintWriter(out), new PrintWriter(new StringWriter()), completed(List.of()),
                "sign-csrs");

        assertThat(status).isZero();
        assertThat(out.toString()).contains("Ceremony sign-csrs-1 completed.");
    }
}

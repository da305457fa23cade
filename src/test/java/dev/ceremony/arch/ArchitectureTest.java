package dev.ceremony.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The arrows of DESIGN.md section 3: the core (domain and engine) knows no terminal, no command
 * line, no YAML library and no PKCS#11 wrapper; each framework stays inside its adapter.
 */
class ArchitectureTest {

    /** Domain and engine packages: present and future. */
    private static final String[] CORE = {
        "dev.ceremony.token..", "dev.ceremony.config..", "dev.ceremony.text..", "dev.ceremony.pki..",
        "dev.ceremony.audit..", "dev.ceremony.records..", "dev.ceremony.engine..", "dev.ceremony.media..",
        "dev.ceremony.quorum.."};

    private static final String[] ADAPTERS = {
        "dev.ceremony.pkcs11..", "dev.ceremony.yaml..", "dev.ceremony.cli..", "dev.ceremony.tui..",
        "dev.ceremony.files.."};

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ceremony");
    }

    @Test
    void importedTheProductionClasses() {
        // Guards the rules below against passing vacuously on an empty import.
        org.assertj.core.api.Assertions.assertThat(production.containPackage("dev.ceremony.token")).isTrue();
        org.assertj.core.api.Assertions.assertThat(production.containPackage("dev.ceremony.pkcs11")).isTrue();
    }

    @Test
    void coreUsesNoFrameworkOfTheFaces() {
        ArchRule rule = noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.googlecode.lanterna..", "picocli..", "com.fasterxml.jackson..", "org.yaml..",
                        "sun.security.pkcs11..", "com.sun.jna..");
        rule.check(production);
    }

    @Test
    void coreDoesNotReachIntoAdapters() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
                .check(production);
    }

    @Test
    void onlyThePkcs11AdapterTouchesTheJdkWrapper() {
        noClasses().that().resideOutsideOfPackage("dev.ceremony.pkcs11..")
                .should().dependOnClassesThat().resideInAnyPackage("sun.security.pkcs11..")
                .check(production);
    }

    @Test
    void onlyThePkcs11AdapterCallsNativeCode() {
        noClasses().that().resideOutsideOfPackage("dev.ceremony.pkcs11..")
                .should().dependOnClassesThat().resideInAnyPackage("com.sun.jna..")
                .check(production);
    }

    @Test
    void onlyTheFileAdaptersTouchJacksonAndSnakeYaml() {
        noClasses().that().resideOutsideOfPackages("dev.ceremony.yaml..", "dev.ceremony.files..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..", "org.yaml..")
                .check(production);
    }

    @Test
    void onlyTheFacesTouchPicocliAndLanterna() {
        noClasses().that().resideOutsideOfPackages("dev.ceremony.cli..", "dev.ceremony.tui..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..", "com.googlecode.lanterna..")
                .check(production);
    }

    @Test
    void adaptersDoNotUseEachOther_exceptThroughMain() {
        noClasses().that().resideInAnyPackage("dev.ceremony.pkcs11..", "dev.ceremony.yaml..", "dev.ceremony.files..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ceremony.cli..", "dev.ceremony.tui..")
                .check(production);
    }

    @Test
    void theTokenPortStandsOnNothingElseInCeremony() {
        classes().that().resideInAPackage("dev.ceremony.token..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages(
                        "dev.ceremony.config..", "dev.ceremony.pki..", "dev.ceremony.audit..",
                        "dev.ceremony.records..", "dev.ceremony.engine..", "dev.ceremony.media..")
                .check(production);
    }

    @Test
    void nothingIsStaticButConstants() {
        fields().that().areStatic().should().beFinal()
                .because("nothing is static or global except constants (DESIGN.md section 3)")
                .check(production);
    }
}

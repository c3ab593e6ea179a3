package dev.vigil.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.vigil.alerting.AlertingEndpoints;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The README's module table, checked on the compiled classes of every module (tests aside): each module uses only the
 * modules before it that the table allows. Modules are told apart by their packages.
 */
class ModuleDependenciesTest {

    private static final JavaClasses VIGIL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vigil");

    @Test
    void eachModuleUsesOnlyTheModulesBeforeItThatTheTableAllows() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("contracts").definedBy("dev.vigil.contracts..")
                .layer("ingest").definedBy("dev.vigil.ingest..")
                .layer("features").definedBy("dev.vigil.features..")
                .layer("scoring").definedBy("dev.vigil.scoring..")
                .layer("detection").definedBy("dev.vigil.detection..")
                .layer("alerting").definedBy("dev.vigil.alerting..")
                .layer("feedback").definedBy("dev.vigil.feedback..")
                .layer("demo").definedBy("dev.vigil.demo..")
                .layer("deploy").definedBy("dev.vigil.app..")
                .whereLayer("deploy").mayNotBeAccessedByAnyLayer()
                .whereLayer("demo").mayOnlyBeAccessedByLayers("deploy")
                .whereLayer("feedback").mayOnlyBeAccessedByLayers("deploy")
                .whereLayer("alerting").mayOnlyBeAccessedByLayers("feedback", "deploy")
                .whereLayer("detection").mayOnlyBeAccessedByLayers("deploy")
                .whereLayer("scoring").mayOnlyBeAccessedByLayers("detection", "deploy")
                .whereLayer("features").mayOnlyBeAccessedByLayers("scoring", "detection", "deploy")
                .whereLayer("ingest").mayOnlyBeAccessedByLayers("features", "scoring", "detection", "feedback", "deploy")
                .check(VIGIL);
    }

    @Test
    void theContractsUseNoOtherModule() {
        noClasses().that().resideInAPackage("dev.vigil.contracts..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vigil.ingest..", "dev.vigil.features..",
                        "dev.vigil.scoring..", "dev.vigil.detection..", "dev.vigil.alerting..", "dev.vigil.feedback..",
                        "dev.vigil.demo..", "dev.vigil.app..")
                .check(VIGIL);
    }

    /**
     * Scores cross into alerting through its door alone ({@code AlertingEndpoints.SCORES}, a route): the live path
     * from the sources through the engine calls nothing of alerting. (The replay tool and tuning run lifecycles of
     * their own, offline.)
     */
    @Test
    void theLivePathIntoAlertingIsItsDoorAlone() {
        noClasses().that().resideInAnyPackage("dev.vigil.detection..", "dev.vigil.app.detection..")
                .should().dependOnClassesThat(resideInAPackage("dev.vigil.alerting..")
                        .and(not(type(AlertingEndpoints.class))))
                .check(VIGIL);
    }

    /** The REST API and the console share the query services and the access checks, not each other's classes. */
    @Test
    void theApiAndTheConsoleShareQueriesNotEachOther() {
        noClasses().that().resideInAPackage("dev.vigil.app.api..")
                .should().dependOnClassesThat().resideInAPackage("dev.vigil.app.console..").check(VIGIL);
        noClasses().that().resideInAPackage("dev.vigil.app.console..")
                .should().dependOnClassesThat().resideInAPackage("dev.vigil.app.api..").check(VIGIL);
    }

    /** Within alerting, packages form no cycle: the notification path reads one way (dispatch, outbox, notify). */
    @Test
    void alertingsPackagesFormNoCycle() {
        slices().matching("dev.vigil.alerting.(*)..").should().beFreeOfCycles().check(VIGIL);
    }
}

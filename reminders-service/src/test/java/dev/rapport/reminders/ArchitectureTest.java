package dev.rapport.reminders;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.rapport.testkit.PackageLayering;

/** Keeps the service's boundaries: it owns its data and talks to other services only through events. */
@AnalyzeClasses(packages = "dev.rapport.reminders", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule doesNotDependOnOtherServices = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.rapport.contacts..", "dev.rapport.content..", "dev.rapport.gateway..");

    @ArchTest
    static final ArchRule domainIsPlainJava = noClasses()
            .that()
            .resideInAPackage("..domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "org.bson..",
                    "com.mongodb..",
                    "org.apache.kafka..",
                    "dev.rapport.support..",
                    "dev.rapport.contracts..",
                    "tools.jackson..",
                    "jakarta..");

    @ArchTest
    static final ArchRule featuresFreeOfCycles = PackageLayering.featuresFreeOfCycles("dev.rapport.reminders");

    @ArchTest
    static final ArchRule domainAtTheBottom = PackageLayering.domainAtTheBottom("dev.rapport.reminders");
}

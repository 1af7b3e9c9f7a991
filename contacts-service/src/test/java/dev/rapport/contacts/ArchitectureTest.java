package dev.rapport.contacts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.rapport.testkit.PackageLayering;

/** Keeps the service's boundaries: it owns its data and talks to other services only through events. */
@AnalyzeClasses(packages = "dev.rapport.contacts", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule doesNotDependOnOtherServices = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.rapport.reminders..", "dev.rapport.content..", "dev.rapport.gateway..");

    @ArchTest
    static final ArchRule domainRulesArePlainJava = noClasses()
            .that()
            .resideInAnyPackage(
                    "dev.rapport.contacts.domain..",
                    "dev.rapport.contacts.imports.domain..",
                    "dev.rapport.contacts.exports.domain..",
                    "dev.rapport.contacts.directory.domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "com.mongodb..",
                    "org.bson..",
                    "org.apache.kafka..",
                    "tools.jackson..",
                    "dev.rapport.support..",
                    "dev.rapport.contracts..");

    @ArchTest
    static final ArchRule featuresFreeOfCycles = PackageLayering.featuresFreeOfCycles("dev.rapport.contacts");

    @ArchTest
    static final ArchRule domainAtTheBottom = PackageLayering.domainAtTheBottom("dev.rapport.contacts");
}

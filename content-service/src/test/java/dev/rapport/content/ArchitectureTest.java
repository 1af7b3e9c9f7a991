package dev.rapport.content;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.rapport.testkit.PackageLayering;

/** Keeps the service's boundaries: it owns its data and talks to other services only through events. */
@AnalyzeClasses(packages = "dev.rapport.content", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule doesNotDependOnOtherServices = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.rapport.contacts..", "dev.rapport.reminders..", "dev.rapport.gateway..");

    @ArchTest
    static final ArchRule theDomainIsPlainJava = noClasses()
            .that()
            .resideInAPackage("dev.rapport.content.domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "com.mongodb..",
                    "org.bson..",
                    "org.apache.kafka..",
                    "com.rometools..",
                    "dev.rapport.support..",
                    "dev.rapport.content.items..",
                    "dev.rapport.content.plan..",
                    "dev.rapport.content.feeds..",
                    "dev.rapport.content.calendar..",
                    "dev.rapport.content.consistency..");

    @ArchTest
    static final ArchRule featuresFreeOfCycles = PackageLayering.featuresFreeOfCycles("dev.rapport.content");

    @ArchTest
    static final ArchRule domainAtTheBottom = PackageLayering.domainAtTheBottom("dev.rapport.content");
}

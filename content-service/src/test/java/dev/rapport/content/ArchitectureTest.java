package dev.rapport.content;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the service's boundaries: it owns its data and talks to other services only through events. */
@AnalyzeClasses(packages = "dev.rapport.content", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule doesNotDependOnOtherServices = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.rapport.contacts..", "dev.rapport.reminders..", "dev.rapport.gateway..");
}

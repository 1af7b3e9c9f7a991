package dev.rapport.support.privacy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the erasure rules plain Java. */
@AnalyzeClasses(packages = "dev.rapport.support.privacy", importOptions = ImportOption.DoNotIncludeTests.class)
class PrivacyArchitectureTest {

    @ArchTest
    static final ArchRule erasureRulesArePlainJava = noClasses()
            .that()
            .resideInAPackage("..privacy.domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "com.mongodb..",
                    "org.bson..",
                    "org.apache.kafka..",
                    "tools.jackson..",
                    // All of service-support but the rules themselves (their own nested types are no escape).
                    "dev.rapport.support",
                    "dev.rapport.support.events..",
                    "dev.rapport.support.identity..",
                    "dev.rapport.support.web..",
                    "dev.rapport.support.privacy",
                    "dev.rapport.contracts..");
}

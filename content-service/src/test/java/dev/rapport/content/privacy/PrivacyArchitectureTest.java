package dev.rapport.content.privacy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the erasure rules plain Java. */
@AnalyzeClasses(packages = "dev.rapport.content.privacy", importOptions = ImportOption.DoNotIncludeTests.class)
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
                    "dev.rapport.support..",
                    "dev.rapport.contracts..");
}

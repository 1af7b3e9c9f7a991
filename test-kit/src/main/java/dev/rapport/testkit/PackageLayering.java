package dev.rapport.testkit;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules every service keeps inside itself, so that a change cannot bring back a back-arrow:
 * the top-level packages under its base package (its features) depend on each other without cycles,
 * and every {@code domain} package is at the bottom (it depends on no other package of the service).
 */
public final class PackageLayering {

    private PackageLayering() {}

    /** The slices {@code base.(*)} (one a top-level package) are free of cycles. */
    public static ArchRule featuresFreeOfCycles(String basePackage) {
        return slices().matching(basePackage + ".(*)..")
                .should()
                .beFreeOfCycles()
                .as("the top-level packages of " + basePackage + " are free of cycles");
    }

    /** A {@code domain} package depends on no package of the service but other {@code domain} packages. */
    public static ArchRule domainAtTheBottom(String basePackage) {
        return noClasses()
                .that()
                .resideInAPackage(basePackage + "..domain..")
                .should()
                .dependOnClassesThat(resideInAPackage(basePackage + "..")
                        .and(com.tngtech.archunit.base.DescribedPredicate.not(resideInAPackage("..domain..")))
                        .as("classes of " + basePackage + " outside a domain package"))
                .as("the domain packages of " + basePackage + " are at the bottom");
    }
}

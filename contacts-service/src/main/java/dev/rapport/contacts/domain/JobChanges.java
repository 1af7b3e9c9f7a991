package dev.rapport.contacts.domain;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a change of employer or title seen in the alumni directory means: another employer is a new
 * job, another title at the same employer a promotion. Spelling differences ("SAP" and "SAP SE",
 * case, accents) are not changes; a field that disappears is not news to congratulate on.
 */
public final class JobChanges {

    public static final String NEW_JOB = "new-job";
    public static final String PROMOTION = "promotion";

    private JobChanges() {}

    /** The milestone kind of going from the first employer and title to the second, if it is one. */
    public static Optional<String> between(String employerBefore, String titleBefore, String employer, String title) {
        if (employer != null && !sameOrganization(employerBefore, employer)) {
            return Optional.of(NEW_JOB);
        }
        if (title != null && !SearchText.fold(title).equals(SearchText.fold(titleBefore))) {
            return Optional.of(PROMOTION);
        }
        return Optional.empty();
    }

    /** The milestone's title: the new title and employer, in the words the directory uses. */
    public static String title(String employer, String title) {
        return Stream.of(title, employer).filter(Objects::nonNull).collect(Collectors.joining(" · "));
    }

    private static boolean sameOrganization(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        // The same normalization as matching people by company, with a placeholder name.
        return Objects.equals(MatchKeys.nameAndCompany("x", null, a), MatchKeys.nameAndCompany("x", null, b));
    }
}

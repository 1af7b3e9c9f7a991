package dev.rapport.gateway.apikeys.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

class ApiKeyRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    private static final BiPredicate<String, String> ALL = (area, access) -> true;

    @Test
    void nameKnownScopesAndAFutureExpiryAreAccepted() {
        assertThat(ApiKeyRules.check(
                        "sync", List.of("contacts:read", "content:write"), NOW.plus(Duration.ofDays(30)), ALL, NOW))
                .isEmpty();
        assertThat(ApiKeyRules.check("forever", List.of("reminders:read"), null, ALL, NOW))
                .isEmpty();
    }

    @Test
    void blankNameAndMissingScopesAreReportedByField() {
        assertThat(ApiKeyRules.check(" ", List.of(), null, ALL, NOW))
                .extracting(FieldError::field)
                .containsExactly("name", "scopes");
        assertThat(ApiKeyRules.check("x".repeat(101), null, null, ALL, NOW))
                .extracting(FieldError::field)
                .containsExactly("name", "scopes");
    }

    @Test
    void unknownScopesAreReportedWithTheirPosition() {
        assertThat(ApiKeyRules.check("k", List.of("contacts:read", "admin:all", "contacts"), null, ALL, NOW))
                .extracting(FieldError::field)
                .containsExactly("scopes[1]", "scopes[2]");
    }

    @Test
    void keyCannotGetMoreThanItsCreatorsTokenGrants() {
        Set<String> granted = Set.of("contacts:read");
        BiPredicate<String, String> creator = (area, access) -> granted.contains(area + ":" + access);

        assertThat(ApiKeyRules.check(
                        "k", List.of("contacts:read", "contacts:write", "content:read"), null, creator, NOW))
                .extracting(FieldError::field, FieldError::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "scopes[1]", "your own token does not grant contacts:write"),
                        org.assertj.core.groups.Tuple.tuple("scopes[2]", "your own token does not grant content:read"));
    }

    @Test
    void expiryMustBeInTheFutureAndWithinAYear() {
        assertThat(ApiKeyRules.check("k", List.of("contacts:read"), NOW, ALL, NOW))
                .extracting(FieldError::message)
                .containsExactly("must be in the future");
        assertThat(ApiKeyRules.check("k", List.of("contacts:read"), NOW.plus(Duration.ofDays(367)), ALL, NOW))
                .extracting(FieldError::message)
                .containsExactly("must be within 366 days");
    }
}

package dev.rapport.gateway.apikeys.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyTest {

    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");

    @Test
    void keyIsActiveUntilItsExpiryAndExpiredFromThatInstant() {
        ApiKey key = key(NOW.plus(Duration.ofDays(30)), null);

        assertThat(key.statusAt(NOW)).isEqualTo(ApiKey.Status.ACTIVE);
        assertThat(key.usableAt(NOW.plus(Duration.ofDays(30)).minusMillis(1))).isTrue();
        assertThat(key.statusAt(NOW.plus(Duration.ofDays(30)))).isEqualTo(ApiKey.Status.EXPIRED);
    }

    @Test
    void keyWithoutExpiryLastsUntilRevokedAndRevocationWinsOverExpiry() {
        assertThat(key(null, null).statusAt(NOW.plus(Duration.ofDays(3650)))).isEqualTo(ApiKey.Status.ACTIVE);
        assertThat(key(null, NOW).statusAt(NOW)).isEqualTo(ApiKey.Status.REVOKED);
        assertThat(key(NOW.minusSeconds(1), NOW.minusSeconds(5)).statusAt(NOW)).isEqualTo(ApiKey.Status.REVOKED);
        assertThat(ApiKey.Status.REVOKED.wireName()).isEqualTo("revoked");
    }

    private static ApiKey key(Instant expiresAt, Instant revokedAt) {
        return new ApiKey(
                "0123456789abcdef0123",
                "alumni",
                "ana",
                "sync",
                Set.of("contacts:read"),
                "00",
                NOW.minus(Duration.ofDays(1)),
                expiresAt,
                revokedAt,
                null);
    }
}

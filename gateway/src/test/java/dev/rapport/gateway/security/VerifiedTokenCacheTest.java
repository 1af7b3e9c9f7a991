package dev.rapport.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.contracts.identity.IdentityAssertion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import reactor.core.publisher.Mono;

class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final AtomicInteger verifications = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();
    private Instant now = NOW;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private Mono<Authentication> verify(Authentication authentication) {
        verifications.incrementAndGet();
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (token.startsWith("bad")) {
            return Mono.error(new InvalidBearerTokenException("bad signature"));
        }
        Instant expiresAt = NOW.plus(Duration.ofMinutes(10));
        Jwt jwt = Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject("alice")
                .expiresAt(expiresAt)
                .build();
        return Mono.just(MemberAuthentication.ofToken(
                new IdentityAssertion("alice", "alumni", Set.of("contacts:read"), expiresAt), jwt));
    }

    private final VerifiedTokenCache cache = new VerifiedTokenCache(this::verify, clock, nanos::get);

    @Test
    void aTokenIsVerifiedOnceAndThenServedFromTheCache() {
        Authentication first = cache.authenticate(bearer("good-1")).block();
        Authentication second = cache.authenticate(bearer("good-1")).block();

        assertThat(second).isSameAs(first);
        assertThat(verifications).hasValue(1);
        cache.authenticate(bearer("good-2")).block();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void anExpiredTokenIsVerifiedAgainNeverServedFromTheCache() {
        cache.authenticate(bearer("good-1")).block();

        now = NOW.plus(Duration.ofMinutes(11));

        cache.authenticate(bearer("good-1")).block();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRefusedTokenIsNotRemembered() {
        for (int i = 0; i < 2; i++) {
            Mono<Authentication> attempt = cache.authenticate(bearer("bad-1"));
            org.assertj.core.api.Assertions.assertThatThrownBy(attempt::block)
                    .isInstanceOf(InvalidBearerTokenException.class);
        }

        assertThat(verifications).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    private static BearerTokenAuthenticationToken bearer(String token) {
        return new BearerTokenAuthenticationToken(token);
    }
}

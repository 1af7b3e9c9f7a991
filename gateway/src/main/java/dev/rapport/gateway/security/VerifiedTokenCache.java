package dev.rapport.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * Verifies each member token once and then trusts the verified result for the token's lifetime: verifying a JWT
 * (an RSA signature, parsing, the claim checks) was the largest cost of a request at the edge.
 *
 * <p>Only successes are kept, keyed by the whole token, until the token's own {@code exp} (never longer than
 * {@link #MAX_TTL}, bounded to {@link #MAX_ENTRIES} tokens): a cached token is exactly as valid as it was when
 * verified, since a JWT cannot be revoked before its expiry anyway. Failures are not cached, so a token that was
 * refused is refused again by the full check.
 */
final class VerifiedTokenCache implements ReactiveAuthenticationManager {

    /** The most tokens remembered; beyond it the least recently used are verified again. */
    static final long MAX_ENTRIES = 10_000;

    /** The longest a verified token is trusted without a new check, whatever its expiry. */
    static final Duration MAX_TTL = Duration.ofHours(1);

    private final ReactiveAuthenticationManager verifier;
    private final Clock clock;
    private final Cache<String, MemberAuthentication> verified;

    VerifiedTokenCache(ReactiveAuthenticationManager verifier, Clock clock) {
        this(verifier, clock, Ticker.systemTicker());
    }

    VerifiedTokenCache(ReactiveAuthenticationManager verifier, Clock clock, Ticker ticker) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .ticker(ticker)
                .expireAfter(Expiry.<String, MemberAuthentication>creating(
                        (token, member) -> timeLeft(member.identity().expiresAt())))
                .build();
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
            return verifier.authenticate(authentication);
        }
        String token = bearer.getToken();
        MemberAuthentication known = verified.getIfPresent(token);
        // The clock check keeps expiry exact even if the cache's own timer lags behind.
        if (known != null && known.identity().expiresAt().isAfter(clock.instant())) {
            return Mono.just(known);
        }
        return verifier.authenticate(authentication).doOnNext(result -> {
            if (result instanceof MemberAuthentication member && member.isMemberToken()) {
                verified.put(token, member);
            }
        });
    }

    /** How many tokens are remembered (for tests). */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private Duration timeLeft(Instant expiresAt) {
        Duration left = Duration.between(clock.instant(), expiresAt);
        if (left.isNegative()) {
            return Duration.ZERO;
        }
        return left.compareTo(MAX_TTL) > 0 ? MAX_TTL : left;
    }
}

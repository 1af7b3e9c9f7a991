package dev.rapport.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own settings ({@code rapport.gateway.*}); routes live under {@code spring.cloud.gateway.server.webflux}.
 *
 * @param identitySecret the secret shared with the services that signs {@code X-Rapport-Identity}
 *     ({@code RAPPORT_IDENTITY_SECRET}, at least 32 characters)
 * @param jwt how member tokens are verified
 * @param corsOrigins the portal origins allowed to call the API from a browser ({@code RAPPORT_CORS_ORIGINS})
 * @param maxRequestSize the largest request body a route accepts unless its {@code max-request-size} metadata says
 *     otherwise
 * @param rateLimit the token bucket of each member and of each API key
 * @param anonymousRateLimit the token bucket of each client address on each public route (calendar feeds, docs)
 * @param circuitBreaker the circuit breaker every route gets
 * @param exportIdleTimeout how long a member's streamed data export waits for a service to begin its part, and then
 *     for the next bytes of it, before it is abandoned
 * @param apiKeys the lifetime of members' API keys
 * @param unverifiedRateLimit the allowance of each client address for requests whose credentials fail (or that
 *     carry none where they are needed): once spent, the address is refused before any credential is checked
 */
@ConfigurationProperties("rapport.gateway")
public record GatewayProperties(
        String identitySecret,
        @DefaultValue Jwt jwt,
        @DefaultValue("http://localhost:3000") List<String> corsOrigins,
        @DefaultValue("1MB") DataSize maxRequestSize,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue RateLimit anonymousRateLimit,
        @DefaultValue CircuitBreaker circuitBreaker,
        @DefaultValue("60s") Duration exportIdleTimeout,
        @DefaultValue ApiKeys apiKeys,
        @DefaultValue("0.2") double unverifiedRequestsPerSecond,
        @DefaultValue("30") int unverifiedBurst) {

    /** The shortest identity secret accepted: HMAC-SHA256 wants at least 32 bytes of key. */
    public static final int MIN_SECRET_LENGTH = 32;

    public GatewayProperties {
        // Fail at startup rather than on the first request: without the secret no service would accept a call.
        if (identitySecret == null || identitySecret.isBlank()) {
            throw new IllegalArgumentException("RAPPORT_IDENTITY_SECRET (rapport.gateway.identity-secret) is not set: "
                    + "the gateway signs X-Rapport-Identity with it and refuses to start without it");
        }
        if (identitySecret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("RAPPORT_IDENTITY_SECRET (rapport.gateway.identity-secret) has "
                    + identitySecret.length() + " characters; it needs at least " + MIN_SECRET_LENGTH);
        }
        corsOrigins = List.copyOf(corsOrigins);
        if (maxRequestSize.toBytes() <= 0) {
            throw new IllegalArgumentException("rapport.gateway.max-request-size must be positive");
        }
        if (unverifiedRequestsPerSecond <= 0 || unverifiedBurst < 1) {
            throw new IllegalArgumentException("rapport.gateway.unverified-requests-per-second must be positive and"
                    + " rapport.gateway.unverified-burst at least 1");
        }
        if (exportIdleTimeout.isNegative() || exportIdleTimeout.isZero()) {
            throw new IllegalArgumentException("rapport.gateway.export-idle-timeout must be positive");
        }
    }

    /** The identity secret as the key bytes {@code IdentityAssertion} signs with. */
    public byte[] identitySecretBytes() {
        return identitySecret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        // The record's generated toString would print the shared secret into any log that prints the properties.
        return "GatewayProperties[identitySecret=<redacted>, jwt=" + jwt + ", corsOrigins=" + corsOrigins
                + ", maxRequestSize=" + maxRequestSize + ", rateLimit=" + rateLimit + ", anonymousRateLimit="
                + anonymousRateLimit + ", circuitBreaker=" + circuitBreaker + ", exportIdleTimeout=" + exportIdleTimeout
                + ", apiKeys=" + apiKeys
                + ", unverifiedRequestsPerSecond=" + unverifiedRequestsPerSecond + ", unverifiedBurst="
                + unverifiedBurst + "]";
    }

    /**
     * Where the keys that verify member tokens come from: a local PEM public key (the embedded default) or the
     * organization's identity provider (JWK set URI and/or OIDC issuer URI).
     *
     * @param publicKey path of a PEM RSA public key ({@code RAPPORT_JWT_PUBLIC_KEY})
     * @param jwkSetUri the identity provider's JWK set ({@code RAPPORT_JWT_JWK_SET_URI})
     * @param issuerUri the identity provider's issuer, discovered lazily ({@code RAPPORT_JWT_ISSUER_URI})
     * @param issuer the required {@code iss} claim ({@code RAPPORT_JWT_ISSUER}); when blank, the issuer URI if set,
     *     else {@code rapport-local}
     * @param audience the required {@code aud} claim ({@code RAPPORT_JWT_AUDIENCE})
     */
    public record Jwt(
            @Nullable String publicKey,
            @Nullable String jwkSetUri,
            @Nullable String issuerUri,
            @Nullable String issuer,
            @DefaultValue("rapport") String audience) {

        /** The issuer of tokens signed by the local key of the embedded default. */
        public static final String LOCAL_ISSUER = "rapport-local";

        public Jwt {
            boolean identityProvider = StringUtils.hasText(jwkSetUri) || StringUtils.hasText(issuerUri);
            if (StringUtils.hasText(publicKey) && identityProvider) {
                throw new IllegalArgumentException("Set either RAPPORT_JWT_PUBLIC_KEY or the identity provider "
                        + "(RAPPORT_JWT_JWK_SET_URI / RAPPORT_JWT_ISSUER_URI), not both");
            }
            if (!StringUtils.hasText(publicKey) && !identityProvider) {
                throw new IllegalArgumentException("No way to verify member tokens: set RAPPORT_JWT_PUBLIC_KEY (path of"
                        + " a PEM RSA public key) or the identity provider's RAPPORT_JWT_JWK_SET_URI / "
                        + "RAPPORT_JWT_ISSUER_URI");
            }
            if (!StringUtils.hasText(audience)) {
                throw new IllegalArgumentException("RAPPORT_JWT_AUDIENCE (rapport.gateway.jwt.audience) is blank");
            }
        }

        /** The {@code iss} value every token must carry. */
        public String requiredIssuer() {
            if (StringUtils.hasText(issuer)) {
                return issuer;
            }
            return StringUtils.hasText(issuerUri) ? issuerUri : LOCAL_ISSUER;
        }
    }

    /**
     * A token bucket: {@code requestsPerSecond} sustained, {@code burst} at once.
     *
     * @param requestsPerSecond tokens added per second
     * @param burst the bucket's capacity
     */
    public record RateLimit(
            @DefaultValue("20") double requestsPerSecond,
            @DefaultValue("40") int burst) {

        public RateLimit {
            if (requestsPerSecond <= 0 || burst < 1) {
                throw new IllegalArgumentException(
                        "rapport.gateway.rate-limit needs a positive requests-per-second and a burst of at least 1");
            }
        }
    }

    /**
     * Members' API keys.
     *
     * @param defaultLifetime how long a key works when its creator names no expiry, and how far a renewal without
     *     a date extends it ({@code RAPPORT_API_KEY_DEFAULT_LIFETIME}); keys stored before keys had a default
     *     lifetime expire this long after their creation
     */
    public record ApiKeys(@DefaultValue("90d") Duration defaultLifetime) {

        /** The longest lifetime any key may have. */
        public static final Duration MAX_LIFETIME = Duration.ofDays(366);

        public ApiKeys {
            if (defaultLifetime.isNegative()
                    || defaultLifetime.isZero()
                    || defaultLifetime.compareTo(MAX_LIFETIME) > 0) {
                throw new IllegalArgumentException("rapport.gateway.api-keys.default-lifetime must be positive and at"
                        + " most " + MAX_LIFETIME.toDays() + " days, was " + defaultLifetime);
            }
        }
    }

    /**
     * The Resilience4j circuit breaker each route gets (one per route, named after the route id).
     *
     * @param failureRateThreshold the failure percentage that opens the circuit
     * @param slidingWindowSize how many recent calls the failure rate is computed over
     * @param minimumNumberOfCalls how many calls are needed before the failure rate counts
     * @param waitDurationInOpenState how long an open circuit answers 503 before probing the service again
     * @param permittedCallsInHalfOpenState how many probe calls decide whether to close the circuit
     */
    public record CircuitBreaker(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("10") int minimumNumberOfCalls,
            @DefaultValue("10s") Duration waitDurationInOpenState,
            @DefaultValue("3") int permittedCallsInHalfOpenState) {}
}

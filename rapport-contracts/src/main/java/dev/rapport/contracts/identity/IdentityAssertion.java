package dev.rapport.contracts.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The verified identity the gateway forwards to a service, in the {@value #HEADER} header.
 *
 * <p>The gateway strips whatever identity headers a client sent, authenticates the request, and
 * signs this assertion with the secret it shares with the services (HMAC-SHA256). A service
 * accepts a request only with an assertion whose signature verifies and which has not expired, so
 * a forged header sent straight to a service is refused.
 *
 * <p>Each assertion is bound to the one request it was made for: the HMAC covers the request's
 * method and path (the raw path the service receives, without the query string), which the verifier
 * takes from the request itself. An assertion seen in one request (a log, a compromised service) is
 * therefore worthless for any other method or path, on this service or another, within its minute.
 *
 * <p>Wire form: {@code v2.<base64url(member|tenant|scope,scope|expiresEpochSecond[|apiKeyId])>.<base64url(hmac)>}
 * where the HMAC is over {@code <base64 part> LF METHOD SP path}. The API key's id is there only when an API key
 * (not the member's own token) authenticated the request, so that a service can keep what a key made apart (its
 * webhook subscriptions).
 *
 * @param apiKeyId the API key that authenticated the request, null for the member's own token
 */
public record IdentityAssertion(
        String memberId, String tenantId, Set<String> scopes, Instant expiresAt, String apiKeyId) {

    /** The header carrying the assertion from the gateway to a service. */
    public static final String HEADER = "X-Rapport-Identity";

    private static final String VERSION = "v2";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._@:-]{1,128}");
    private static final Pattern SCOPE = Pattern.compile("[a-z]+:[a-z]+");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /**
     * An initialised MAC for the last secret used, never used itself: each signature works on a clone of it.
     * {@code Mac.getInstance} and {@code init} cost more than the HMAC, and a per-thread MAC is created anew for every
     * request where requests run on virtual threads (the services' Tomcat): that doubled a service's CPU per request
     * behind the gateway.
     */
    private static volatile CachedMac prototype;

    public IdentityAssertion {
        requireId(memberId, "memberId");
        requireId(tenantId, "tenantId");
        if (apiKeyId != null) {
            requireId(apiKeyId, "apiKeyId");
        }
        scopes = Set.copyOf(scopes);
        for (String scope : scopes) {
            if (!SCOPE.matcher(scope).matches()) {
                throw new IllegalArgumentException("malformed scope: " + scope);
            }
        }
    }

    /** An identity proven by the member's own token. */
    public IdentityAssertion(String memberId, String tenantId, Set<String> scopes, Instant expiresAt) {
        this(memberId, tenantId, scopes, expiresAt, null);
    }

    /** Whether the identity may use {@code area} ({@code contacts}, {@code reminders} …) for {@code access}. */
    public boolean allows(String area, String access) {
        return scopes.contains(area + ":" + access) || ("read".equals(access) && scopes.contains(area + ":write"));
    }

    /**
     * Signs the assertion for the header of one request.
     *
     * @param method the request's HTTP method
     * @param path the raw (still percent-encoded) path the service will receive, without the query string
     */
    public String encode(byte[] secret, String method, String path) {
        String payload = memberId + "|" + tenantId + "|" + String.join(",", new TreeSet<>(scopes)) + "|"
                + expiresAt.getEpochSecond() + (apiKeyId == null ? "" : "|" + apiKeyId);
        String body = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return VERSION + "." + body + "." + B64.encodeToString(hmac(secret, signed(body, method, path)));
    }

    /**
     * Verifies a header value for the request it arrived with: a valid signature over that request's method and
     * path, and an unexpired assertion, or empty.
     */
    public static Optional<IdentityAssertion> verify(
            String header, String method, String path, byte[] secret, Clock clock) {
        if (header == null || header.length() > 4096 || method == null || path == null) {
            return Optional.empty();
        }
        String[] parts = header.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            return Optional.empty();
        }
        try {
            byte[] expected = hmac(secret, signed(parts[1], method, path));
            if (!MessageDigest.isEqual(expected, B64D.decode(parts[2]))) {
                return Optional.empty();
            }
            String[] fields = new String(B64D.decode(parts[1]), StandardCharsets.UTF_8).split("\\|", -1);
            if (fields.length != 4 && fields.length != 5) {
                return Optional.empty();
            }
            Set<String> scopes = fields[2].isEmpty() ? Set.of() : Set.of(fields[2].split(","));
            var assertion = new IdentityAssertion(
                    fields[0],
                    fields[1],
                    scopes,
                    Instant.ofEpochSecond(Long.parseLong(fields[3])),
                    fields.length == 5 ? fields[4] : null);
            return assertion.expiresAt().isAfter(clock.instant()) ? Optional.of(assertion) : Optional.empty();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static String signed(String body, String method, String path) {
        return body + "\n" + method.toUpperCase(Locale.ROOT) + " " + path;
    }

    private static void requireId(String value, String name) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must match " + ID.pattern());
        }
    }

    private static byte[] hmac(byte[] secret, String input) {
        if (secret == null || secret.length < 32) {
            throw new IllegalArgumentException("the identity secret must have at least 32 bytes");
        }
        CachedMac cached = prototype;
        if (cached == null || !Arrays.equals(cached.secret, secret)) {
            cached = new CachedMac(secret.clone(), newMac(secret));
            prototype = cached;
        }
        return cached.copy().doFinal(input.getBytes(StandardCharsets.UTF_8));
    }

    /** An HmacSHA256 initialised with the secret. */
    private static Mac newMac(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private record CachedMac(byte[] secret, Mac mac) {

        /** A MAC in the prototype's initialised state (the JDK's HmacSHA256 clones; any other is made anew). */
        Mac copy() {
            try {
                return (Mac) mac.clone();
            } catch (CloneNotSupportedException notCloneable) {
                return newMac(secret);
            }
        }
    }
}

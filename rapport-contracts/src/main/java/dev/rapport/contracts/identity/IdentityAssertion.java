package dev.rapport.contracts.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
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
 * <p>Wire form: {@code v1.<base64url(member|tenant|scope,scope|expiresEpochSecond)>.<base64url(hmac)>}.
 */
public record IdentityAssertion(String memberId, String tenantId, Set<String> scopes, Instant expiresAt) {

    /** The header carrying the assertion from the gateway to a service. */
    public static final String HEADER = "X-Rapport-Identity";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._@:-]{1,128}");
    private static final Pattern SCOPE = Pattern.compile("[a-z]+:[a-z]+");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    public IdentityAssertion {
        requireId(memberId, "memberId");
        requireId(tenantId, "tenantId");
        scopes = Set.copyOf(scopes);
        for (String scope : scopes) {
            if (!SCOPE.matcher(scope).matches()) {
                throw new IllegalArgumentException("malformed scope: " + scope);
            }
        }
    }

    /** Whether the identity may use {@code area} ({@code contacts}, {@code reminders} …) for {@code access}. */
    public boolean allows(String area, String access) {
        return scopes.contains(area + ":" + access) || ("read".equals(access) && scopes.contains(area + ":write"));
    }

    /** Signs the assertion for the header. */
    public String encode(byte[] secret) {
        String payload = memberId + "|" + tenantId + "|" + String.join(",", new TreeSet<>(scopes)) + "|"
                + expiresAt.getEpochSecond();
        String body = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return "v1." + body + "." + B64.encodeToString(hmac(secret, body));
    }

    /** Verifies a header value: a valid signature and an unexpired assertion, or empty. */
    public static Optional<IdentityAssertion> verify(String header, byte[] secret, Clock clock) {
        if (header == null || header.length() > 4096) {
            return Optional.empty();
        }
        String[] parts = header.split("\\.", -1);
        if (parts.length != 3 || !"v1".equals(parts[0])) {
            return Optional.empty();
        }
        try {
            byte[] expected = hmac(secret, parts[1]);
            if (!MessageDigest.isEqual(expected, B64D.decode(parts[2]))) {
                return Optional.empty();
            }
            String[] fields = new String(B64D.decode(parts[1]), StandardCharsets.UTF_8).split("\\|", -1);
            if (fields.length != 4) {
                return Optional.empty();
            }
            Set<String> scopes = fields[2].isEmpty() ? Set.of() : Set.of(fields[2].split(","));
            var assertion = new IdentityAssertion(
                    fields[0], fields[1], scopes, Instant.ofEpochSecond(Long.parseLong(fields[3])));
            return assertion.expiresAt().isAfter(clock.instant()) ? Optional.of(assertion) : Optional.empty();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static void requireId(String value, String name) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must match " + ID.pattern());
        }
    }

    private static byte[] hmac(byte[] secret, String body) {
        if (secret == null || secret.length < 32) {
            throw new IllegalArgumentException("the identity secret must have at least 32 bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}

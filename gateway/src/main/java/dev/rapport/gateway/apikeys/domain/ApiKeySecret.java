package dev.rapport.gateway.apikeys.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An API key as the consumer holds it: {@code rk_live_<key id>_<secret>}. The key id (80 random bits, hex) names the
 * stored key; the secret (256 random bits, base64url) proves possession and is kept only as its SHA-256.
 *
 * <p>The recognizable prefix lets the gateway tell a key from a JWT without trying to parse it, and lets secret
 * scanners (GitHub, GitGuardian…) spot a leaked key.
 */
public record ApiKeySecret(String keyId, String secret) {

    /** What every key starts with. */
    public static final String PREFIX = "rk_live_";

    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{20}");
    private static final Pattern WIRE = Pattern.compile(Pattern.quote(PREFIX) + "([0-9a-f]{20})_([A-Za-z0-9_-]{43})");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    public ApiKeySecret {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("malformed key id");
        }
        if (secret == null || secret.length() != 43) {
            throw new IllegalArgumentException("malformed secret");
        }
    }

    /** A new key; {@code random} must be a cryptographically strong generator ({@code SecureRandom}). */
    public static ApiKeySecret generate(RandomGenerator random) {
        byte[] id = new byte[10];
        byte[] secret = new byte[32];
        random.nextBytes(id);
        random.nextBytes(secret);
        return new ApiKeySecret(HexFormat.of().formatHex(id), BASE64URL.encodeToString(secret));
    }

    /** Whether a bearer credential is meant as an API key (and so must never be tried as a JWT). */
    public static boolean looksLikeKey(String bearer) {
        return bearer.startsWith(PREFIX);
    }

    /** The key in a bearer credential, or empty when it is not shaped like one. */
    public static Optional<ApiKeySecret> parse(String bearer) {
        Matcher matcher = WIRE.matcher(bearer);
        return matcher.matches() ? Optional.of(new ApiKeySecret(matcher.group(1), matcher.group(2))) : Optional.empty();
    }

    /** The full key, shown to the member once. */
    public String value() {
        return PREFIX + keyId + "_" + secret;
    }

    /** The part that may be displayed later to recognize the key (it proves nothing). */
    public String displayPrefix() {
        return displayPrefix(keyId);
    }

    /** The displayable part of the key with this id. */
    public static String displayPrefix(String keyId) {
        return PREFIX + keyId;
    }

    /** What is stored: the SHA-256 of the secret, hex. 256 random bits need no salt or slow hash. */
    public String secretHash() {
        return HexFormat.of().formatHex(sha256(secret));
    }

    /** Whether this secret is the one whose hash was stored, in time independent of where they differ. */
    public boolean matches(String storedHash) {
        byte[] stored;
        try {
            stored = HexFormat.of().parseHex(storedHash);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        return MessageDigest.isEqual(sha256(secret), stored);
    }

    @Override
    public String toString() {
        // Never print the secret, whatever logs the record.
        return "ApiKeySecret[" + displayPrefix() + "_…]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}

package dev.rapport.reminders.calendar.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secrets in calendar feed URLs: 256 random bits, URL-safe; only their SHA-256 is stored, so a copy
 * of the database does not reveal any feed.
 */
public final class FeedTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private FeedTokens() {}

    /** A new unguessable token (43 URL-safe characters). */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code token} has the shape of a token (so that anything else is refused before any lookup). */
    public static boolean wellFormed(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{43}");
    }

    /** What is stored for a token. */
    public static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.rapport.reminders.webhooks.domain;

import dev.rapport.reminders.signing.domain.WebhookSignature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One signing secret of a subscription ({@code whsec_<base64>}), valid until {@code expiresAt} (null: until it is
 * rotated out). During a rotation's overlap the old and the new secret both sign every delivery, so a receiver
 * that still knows only the old one keeps verifying (Standard Webhooks: several space-separated signatures).
 */
public record SigningSecret(String value, Instant createdAt, Instant expiresAt) {

    /** Whether the secret still signs at {@code now}. */
    public boolean validAt(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }

    /**
     * The {@code webhook-signature} header: one {@code v1,<base64>} per secret valid at {@code now}, newest first.
     */
    public static String header(List<SigningSecret> secrets, String id, long timestamp, String body, Instant now) {
        List<String> signatures = new ArrayList<>();
        secrets.stream()
                .filter(secret -> secret.validAt(now))
                .sorted(Comparator.comparing(SigningSecret::createdAt).reversed())
                .forEach(secret -> signatures.add(WebhookSignature.sign(secret.value(), id, timestamp, body)));
        return String.join(" ", signatures);
    }

    /**
     * The secrets after a rotation at {@code now}: a new one that does not expire, the current ones expiring after
     * {@code overlap} at the latest, and none that has expired already.
     */
    public static List<SigningSecret> rotate(
            List<SigningSecret> secrets, SigningSecret fresh, Instant now, java.time.Duration overlap) {
        Instant until = now.plus(overlap);
        List<SigningSecret> next = new ArrayList<>();
        next.add(fresh);
        for (SigningSecret secret : secrets) {
            if (secret.validAt(now) && until.isAfter(now)) {
                Instant expiry =
                        secret.expiresAt() == null || secret.expiresAt().isAfter(until) ? until : secret.expiresAt();
                next.add(new SigningSecret(secret.value(), secret.createdAt(), expiry));
            }
        }
        return next;
    }
}

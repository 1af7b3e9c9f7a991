package dev.rapport.gateway.apikeys.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A member's API key as stored: who it acts for, what it may do and until when. The secret itself is only ever held
 * as a hash.
 *
 * @param id the key id (the public part of the key)
 * @param tenantId the member's tenant
 * @param memberId the member the key acts for
 * @param name the member's label ("alumni-directory sync")
 * @param scopes what the key may do ({@code contacts:read} …)
 * @param secretHash SHA-256 of the secret, hex
 * @param createdAt when it was created
 * @param expiresAt when it stops working ({@code null} only in keys stored before keys had a default lifetime)
 * @param revokedAt when the member revoked it, or {@code null}
 * @param lastUsedAt when it last authenticated a request (to the hour), or {@code null}
 */
public record ApiKey(
        String id,
        String tenantId,
        String memberId,
        String name,
        Set<String> scopes,
        String secretHash,
        Instant createdAt,
        @Nullable Instant expiresAt,
        @Nullable Instant revokedAt,
        @Nullable Instant lastUsedAt) {

    /** Where a key stands at a given moment. */
    public enum Status {
        ACTIVE,
        EXPIRED,
        REVOKED;

        /** The lower-case name used in the API. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ApiKey {
        scopes = Set.copyOf(scopes);
    }

    /** The same key with another expiry. */
    public ApiKey withExpiresAt(Instant newExpiry) {
        return new ApiKey(
                id, tenantId, memberId, name, scopes, secretHash, createdAt, newExpiry, revokedAt, lastUsedAt);
    }

    /** The key's status at {@code now}: revocation wins over expiry. */
    public Status statusAt(Instant now) {
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return Status.EXPIRED;
        }
        return Status.ACTIVE;
    }

    /** Whether the key authenticates requests at {@code now}. */
    public boolean usableAt(Instant now) {
        return statusAt(now) == Status.ACTIVE;
    }

    /** The scopes in a stable order, for answers and identities. */
    public List<String> sortedScopes() {
        return scopes.stream().sorted().toList();
    }
}

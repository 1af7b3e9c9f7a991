package dev.rapport.gateway.apikeys;

import dev.rapport.gateway.apikeys.domain.ApiKey;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** An API key in the gateway's database ({@code rapport-gateway.api_keys}); the secret only as its hash. */
@Document(ApiKeyDocument.COLLECTION)
@CompoundIndex(name = "member_keys", def = "{'tenantId': 1, 'memberId': 1, 'createdAt': -1}")
record ApiKeyDocument(
        @Id String id,
        String tenantId,
        String memberId,
        String name,
        List<String> scopes,
        String secretHash,
        Instant createdAt,
        @Nullable Instant expiresAt,
        @Nullable Instant revokedAt,
        @Nullable Instant lastUsedAt) {

    static final String COLLECTION = "api_keys";

    static ApiKeyDocument of(ApiKey key) {
        return new ApiKeyDocument(
                key.id(),
                key.tenantId(),
                key.memberId(),
                key.name(),
                key.sortedScopes(),
                key.secretHash(),
                key.createdAt(),
                key.expiresAt(),
                key.revokedAt(),
                key.lastUsedAt());
    }

    ApiKey toKey() {
        return new ApiKey(
                id,
                tenantId,
                memberId,
                name,
                new HashSet<>(scopes),
                secretHash,
                createdAt,
                expiresAt,
                revokedAt,
                lastUsedAt);
    }
}

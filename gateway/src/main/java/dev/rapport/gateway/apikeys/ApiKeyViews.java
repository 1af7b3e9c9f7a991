package dev.rapport.gateway.apikeys;

import dev.rapport.gateway.apikeys.domain.ApiKey;
import dev.rapport.gateway.apikeys.domain.ApiKeySecret;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The API keys endpoints' request and response bodies. */
final class ApiKeyViews {

    private ApiKeyViews() {}

    /** What a member asks for; owner, id, secret and dates are the gateway's to decide. */
    @Schema(name = "ApiKeyRequest")
    record CreateRequest(
            @Schema(description = "A label to recognize the key by", example = "alumni-directory sync") @Nullable
            String name,

            @Schema(
                    description = "What the key may do: contacts, reminders and content, each :read or :write"
                            + " (write implies read); never more than the creating token grants",
                    example = "[\"contacts:read\", \"reminders:write\"]")
            @Nullable
            List<String> scopes,

            @Schema(
                    description = "When the key stops working (at most 366 days ahead); absent: after the"
                            + " default lifetime (90 days unless configured)")
            @Nullable
            Instant expiresAt) {}

    /** A renewal: the new expiry, or none for the default lifetime from now. */
    @Schema(name = "ApiKeyRenewal")
    record RenewRequest(
            @Schema(description = "The new expiry (at most 366 days ahead); absent: the default lifetime from now")
            @Nullable
            Instant expiresAt) {}

    /** A key as listed: never its secret. */
    @Schema(name = "ApiKey")
    record KeyView(
            String id,
            String name,

            @Schema(description = "The start of the key, to recognize it", example = "rk_live_4f1c0a9e2b7d3c5a8e6f")
            String prefix,

            List<String> scopes,

            @Schema(allowableValues = {"active", "expired", "revoked"})
            String status,

            Instant createdAt,
            @Nullable Instant expiresAt,
            @Nullable Instant revokedAt,

            @Schema(description = "When the key last authenticated a request, to the hour") @Nullable
            Instant lastUsedAt) {

        static KeyView of(ApiKey key, Instant now) {
            return new KeyView(
                    key.id(),
                    key.name(),
                    ApiKeySecret.displayPrefix(key.id()),
                    key.sortedScopes(),
                    key.statusAt(now).wireName(),
                    key.createdAt(),
                    key.expiresAt(),
                    key.revokedAt(),
                    key.lastUsedAt());
        }
    }

    /** A key just created, with its secret: the only time it is shown. */
    @Schema(name = "CreatedApiKey")
    record Created(
            String id,
            String name,
            String prefix,
            List<String> scopes,
            String status,
            Instant createdAt,
            @Nullable Instant expiresAt,

            @Schema(
                    description = "The key, to send as 'Authorization: Bearer <key>'. Shown only now: the"
                            + " gateway keeps only its hash",
                    example = "rk_live_4f1c0a9e2b7d3c5a8e6f_Q2xldmVyIGdpcmwsIHlvdSBmb3VuZCB0aGUgc2VjcmV0")
            String key) {

        static Created of(ApiKey key, ApiKeySecret secret, Instant now) {
            return new Created(
                    key.id(),
                    key.name(),
                    secret.displayPrefix(),
                    key.sortedScopes(),
                    key.statusAt(now).wireName(),
                    key.createdAt(),
                    key.expiresAt(),
                    secret.value());
        }
    }

    /** The member's keys, newest first. */
    @Schema(name = "ApiKeyList")
    record KeyList(List<KeyView> items) {}
}

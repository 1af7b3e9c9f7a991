package dev.rapport.gateway.limits;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One allowance's count in one fixed window, shared by every gateway instance
 * ({@code rapport-gateway.rate_windows}): {@code _id} is {@code <allowance key>@<window start, epoch seconds>}.
 * MongoDB drops it after {@code expiresAt} (TTL index); the embedded store, which has no TTL, has it purged by
 * {@link SharedWindows}.
 */
@Document(RateWindowDocument.COLLECTION)
record RateWindowDocument(
        @Id String id,
        long count,
        @Indexed(expireAfter = "0s") Instant expiresAt) {

    static final String COLLECTION = "rate_windows";
}

package dev.rapport.gateway.apikeys;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The record that a member's API keys were erased ({@code rapport-gateway.api_key_erasures}): when, and how many. It
 * holds nothing of the member but their ids, so that the erasure status can say the keys are gone after they are.
 *
 * @param id {@code <tenant>/<member>}
 * @param erasedAt when the keys were last erased
 * @param erasedKeys how many keys that erasure removed
 */
@Document(ApiKeyErasure.COLLECTION)
record ApiKeyErasure(@Id String id, Instant erasedAt, long erasedKeys) {

    static final String COLLECTION = "api_key_erasures";

    static String idOf(String tenantId, String memberId) {
        return tenantId + "/" + memberId;
    }
}

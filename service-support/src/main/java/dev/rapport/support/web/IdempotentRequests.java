package dev.rapport.support.web;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.rapport.contracts.identity.IdentityAssertion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes a POST safe to retry with an {@code Idempotency-Key}: the first request with a key runs
 * and its answer is stored; a retry with the same key and body gets the same answer without
 * running again; the same key with another body is refused (422); a retry while the first is still
 * running answers 409.
 */
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    static final String COLLECTION = "idempotency_keys";

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final Clock clock;

    public IdempotentRequests(MongoTemplate mongo, JsonMapper json, Clock clock) {
        this.mongo = mongo;
        this.json = json;
        this.clock = clock;
    }

    /** Runs {@code action} once per (caller, key); without a key it simply runs it. */
    public ResponseEntity<?> execute(
            IdentityAssertion caller, String key, Object request, Supplier<ResponseEntity<?>> action) {
        if (key == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > 200) {
            throw ApiException.invalidField(HEADER, "must have 1 to 200 characters");
        }
        String id = caller.memberId() + ":" + key;
        String requestHash = sha256(json.writeValueAsString(request));
        MongoCollection<Document> keys = mongo.getCollection(COLLECTION);
        try {
            keys.insertOne(new Document("_id", id)
                    .append("memberId", caller.memberId())
                    .append("requestHash", requestHash)
                    .append("state", "running")
                    .append("createdAt", Date.from(clock.instant())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return replay(keys.find(Filters.eq("_id", id)).first(), requestHash);
        }
        ResponseEntity<?> response;
        try {
            response = action.get();
        } catch (RuntimeException e) {
            // A failed request did not happen: the same key may be used again.
            keys.deleteOne(Filters.eq("_id", id));
            throw e;
        }
        Document headers = new Document();
        for (String name : new String[] {HttpHeaders.LOCATION, HttpHeaders.ETAG}) {
            String value = response.getHeaders().getFirst(name);
            if (value != null) {
                headers.append(name, value);
            }
        }
        keys.updateOne(
                Filters.eq("_id", id),
                Updates.combine(
                        Updates.set("state", "done"),
                        Updates.set("status", response.getStatusCode().value()),
                        Updates.set("headers", headers),
                        Updates.set(
                                "body",
                                response.getBody() == null ? null : json.writeValueAsString(response.getBody()))));
        return response;
    }

    private static ResponseEntity<?> replay(Document stored, String requestHash) {
        if (stored == null || !"done".equals(stored.getString("state"))) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "Request in progress",
                    "a request with this Idempotency-Key is still being processed: retry shortly",
                    Map.of());
        }
        if (!requestHash.equals(stored.getString("requestHash"))) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Idempotency-Key reused",
                    "this Idempotency-Key was used with a different request body",
                    Map.of());
        }
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(stored.getInteger("status"));
        Document headers = stored.get("headers", Document.class);
        if (headers != null) {
            headers.forEach((name, value) -> builder.header(name, String.valueOf(value)));
        }
        builder.header("Idempotent-Replayed", "true");
        String body = stored.getString("body");
        return body == null
                ? builder.build()
                : builder.contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

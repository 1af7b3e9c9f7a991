package dev.rapport.support.web;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.events.IdempotentScope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes a POST safe to retry with an {@code Idempotency-Key}: the first request with a key runs and what a retry
 * needs of its answer is kept (status, {@code Location}, {@code ETag}, and the body up to a bound); a retry with the
 * same key and body gets that answer without running again; the same key with another body is refused (422); a
 * retry while the first is still running answers 409.
 *
 * <p>A running request holds its key for a lease only: if it crashed, a retry after the lease takes the key over
 * and runs. Keys expire after a time to live (24 h by default): MongoDB deletes them through a TTL index, and a
 * periodic purge does it on the embedded store, which has no TTL; an expired key is free again even before it is
 * deleted. Every change of a key's holder is a conditional write on the holder's token, so two retries never both
 * take it.
 *
 * <p>A request that died after writing but before its answer was kept is not run a second time in effect: the
 * aggregates it created carry the key's seed ({@link IdempotentScope}), and the retry that takes the key over gets
 * them back from the write path instead of creating them again. A request that failed with an error frees its key at
 * once, the same way: a retry of the same request runs again with the failed run's seed (whatever that run stored
 * before failing comes back instead of a second write); a request with another body takes the key as a new one.
 */
public class IdempotentRequests {

    private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);

    public static final String HEADER = "Idempotency-Key";
    static final String COLLECTION = "idempotency_keys";

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final Clock clock;
    private final IdempotencyProperties properties;

    public IdempotentRequests(MongoTemplate mongo, JsonMapper json, Clock clock, IdempotencyProperties properties) {
        this.mongo = mongo;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
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
        Claim claim = claim(id, caller.memberId(), requestHash);
        if (claim == null) {
            return replay(keys().find(Filters.eq("_id", id)).first(), requestHash);
        }
        ResponseEntity<?> response;
        try {
            // The aggregates the request creates carry the key's seed: a run after a crash finds what the dead run
            // stored (its write and the key's answer are two documents, the crash may fall between them).
            response = IdempotentScope.run(claim.seed(), claim.resumed(), action);
        } catch (RuntimeException e) {
            // A failed request may be retried with the same key at once. It may also have written before it failed
            // (an aggregate, then an error): the key keeps its seed, so that a retry of the same request gets back
            // what this run stored instead of writing it again (claim, "failed").
            keys().updateOne(
                            Filters.and(Filters.eq("_id", id), Filters.eq("holder", claim.holder())),
                            Updates.set("state", "failed"));
            throw e;
        }
        keep(id, claim.holder(), response);
        return response;
    }

    /**
     * A key taken for this run: its holder token, the seed every run of the key's request shares, and whether an
     * earlier run died holding it (its writes may exist).
     */
    private record Claim(String holder, String seed, boolean resumed) {}

    /**
     * Takes the key for this request: a new key, an expired one, or a running one whose lease ran out (its request
     * crashed). Returns the claim, or null when the key belongs to another request (to replay or refuse).
     */
    private Claim claim(String id, String memberId, String requestHash) {
        MongoCollection<Document> keys = keys();
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant now = clock.instant();
            String holder = UUID.randomUUID().toString();
            Document running = new Document("_id", id)
                    .append("memberId", memberId)
                    .append("requestHash", requestHash)
                    .append("state", "running")
                    .append("holder", holder)
                    .append("seed", holder)
                    .append("createdAt", Date.from(now))
                    .append("leaseUntil", Date.from(now.plus(properties.lease())))
                    .append("expiresAt", Date.from(now.plus(properties.ttl())));
            try {
                keys.insertOne(running);
                return new Claim(holder, holder, false);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            Document stored = keys.find(Filters.eq("_id", id)).first();
            if (stored == null) {
                continue; // deleted in between (a failed request, a purge): try again
            }
            boolean expired = !expiresAt(stored).isAfter(now);
            boolean sameRequest = requestHash.equals(stored.getString("requestHash"));
            boolean crashed = "running".equals(stored.getString("state"))
                    && !leaseUntil(stored).isAfter(now)
                    && sameRequest;
            boolean failed = "failed".equals(stored.getString("state"));
            if (!expired && !crashed && !failed) {
                return null;
            }
            // After a crash or a failure the same request runs again as a resumed one; another request on a failed
            // key is a new request.
            boolean resumed = (crashed || (failed && sameRequest)) && !expired;
            if (resumed) {
                // The same request run again: it keeps the seed of the run that died, to find what that one stored.
                String seed = stored.getString("seed");
                running.append("seed", seed == null ? stored.getString("holder") : seed);
            }
            // Compare-and-set on the holder that was read: of several retries, one takes the key.
            Bson same = Filters.and(Filters.eq("_id", id), Filters.eq("holder", stored.getString("holder")));
            if (keys.replaceOne(same, running).getModifiedCount() == 1) {
                if (resumed) {
                    log.info("Idempotency key {} taken over after its lease ran out", id);
                }
                return new Claim(holder, running.getString("seed"), resumed);
            }
        }
        return null;
    }

    /** Keeps what a retry needs: status, Location, ETag, and the body when it is small. */
    private void keep(String id, String holder, ResponseEntity<?> response) {
        Document headers = new Document();
        for (String name : new String[] {HttpHeaders.LOCATION, HttpHeaders.ETAG}) {
            String value = response.getHeaders().getFirst(name);
            if (value != null) {
                headers.append(name, value);
            }
        }
        String body = response.getBody() == null ? null : json.writeValueAsString(response.getBody());
        boolean bodyKept = body == null || body.getBytes(StandardCharsets.UTF_8).length <= properties.maxStoredBody();
        keys().updateOne(
                        Filters.and(Filters.eq("_id", id), Filters.eq("holder", holder)),
                        Updates.combine(
                                Updates.set("state", "done"),
                                Updates.set("status", response.getStatusCode().value()),
                                Updates.set("headers", headers),
                                Updates.set("body", bodyKept ? body : null),
                                Updates.set("bodyOmitted", !bodyKept)));
    }

    private ResponseEntity<?> replay(Document stored, String requestHash) {
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

    /** Deletes expired keys; returns how many. */
    @Scheduled(fixedDelayString = "${rapport.idempotency.purge-interval:PT10M}", initialDelayString = "PT1M")
    public long purgeExpired() {
        Instant now = clock.instant();
        return keys().deleteMany(Filters.or(
                        Filters.lte("expiresAt", Date.from(now)),
                        // Keys written before keys expired: by their age.
                        Filters.and(
                                Filters.exists("expiresAt", false),
                                Filters.lte("createdAt", Date.from(now.minus(properties.ttl()))))))
                .getDeletedCount();
    }

    private Instant expiresAt(Document stored) {
        Date expires = stored.getDate("expiresAt");
        if (expires != null) {
            return expires.toInstant();
        }
        Date created = stored.getDate("createdAt");
        return created == null ? Instant.EPOCH : created.toInstant().plus(properties.ttl());
    }

    private Instant leaseUntil(Document stored) {
        Date lease = stored.getDate("leaseUntil");
        if (lease != null) {
            return lease.toInstant();
        }
        Date created = stored.getDate("createdAt");
        return created == null ? Instant.EPOCH : created.toInstant().plus(properties.lease());
    }

    private MongoCollection<Document> keys() {
        return mongo.getCollection(COLLECTION);
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

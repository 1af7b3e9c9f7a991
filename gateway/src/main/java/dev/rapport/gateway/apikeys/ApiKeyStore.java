package dev.rapport.gateway.apikeys;

import dev.rapport.gateway.GatewayProperties;
import dev.rapport.gateway.apikeys.domain.ApiKey;
import java.time.Duration;
import java.time.Instant;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Stores API keys; every query that serves a member is scoped by their tenant and member id. */
@Component
class ApiKeyStore {

    /** How stale {@code lastUsedAt} may get: one write per key per interval, not one per request. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofHours(1);

    private final ReactiveMongoTemplate mongo;
    private final Duration defaultLifetime;

    ApiKeyStore(ReactiveMongoTemplate mongo, GatewayProperties properties) {
        this.mongo = mongo;
        this.defaultLifetime = properties.apiKeys().defaultLifetime();
    }

    Mono<ApiKey> insert(ApiKey key) {
        return mongo.insert(ApiKeyDocument.of(key)).map(this::toKey);
    }

    /** The member's keys, newest first. */
    Flux<ApiKey> listFor(String tenantId, String memberId) {
        return mongo.find(
                        ownedBy(tenantId, memberId).with(Sort.by(Sort.Direction.DESC, "createdAt")),
                        ApiKeyDocument.class)
                .map(this::toKey);
    }

    /** How many of the member's keys still work at {@code now}. */
    Mono<Long> countLive(String tenantId, String memberId, Instant now) {
        Query live = ownedBy(tenantId, memberId)
                .addCriteria(Criteria.where("revokedAt").is(null))
                .addCriteria(new Criteria()
                        .orOperator(
                                Criteria.where("expiresAt").is(null),
                                Criteria.where("expiresAt").gt(now)));
        return mongo.count(live, ApiKeyDocument.class);
    }

    /** The key with this id, whoever owns it: only for authenticating its bearer. */
    Mono<ApiKey> findForAuthentication(String keyId) {
        return mongo.findById(keyId, ApiKeyDocument.class).map(this::toKey);
    }

    /**
     * Revokes the member's key; revoking it again keeps the first date. Empty when the member has no such key, so
     * that another member's key id answers 404 exactly like an unknown one.
     */
    Mono<ApiKey> revoke(String tenantId, String memberId, String keyId, Instant now) {
        Query mine =
                ownedBy(tenantId, memberId).addCriteria(Criteria.where("_id").is(keyId));
        Query notYetRevoked =
                Query.of(mine).addCriteria(Criteria.where("revokedAt").is(null));
        return mongo.findAndModify(
                        notYetRevoked,
                        new Update().set("revokedAt", now),
                        FindAndModifyOptions.options().returnNew(true),
                        ApiKeyDocument.class)
                .switchIfEmpty(Mono.defer(() -> mongo.findOne(mine, ApiKeyDocument.class)))
                .map(this::toKey);
    }

    /**
     * Gives the member's key a new expiry; a revoked key stays revoked. Empty when the member has no such key.
     */
    Mono<ApiKey> renew(String tenantId, String memberId, String keyId, Instant expiresAt) {
        Query mine =
                ownedBy(tenantId, memberId).addCriteria(Criteria.where("_id").is(keyId));
        Query notRevoked =
                Query.of(mine).addCriteria(Criteria.where("revokedAt").is(null));
        return mongo.findAndModify(
                        notRevoked,
                        new Update().set("expiresAt", expiresAt),
                        FindAndModifyOptions.options().returnNew(true),
                        ApiKeyDocument.class)
                .switchIfEmpty(Mono.defer(() -> mongo.findOne(mine, ApiKeyDocument.class)))
                .map(this::toKey);
    }

    /**
     * Deletes every key of the member (revoked, expired or live) and records the erasure; answers how many keys
     * were deleted. The keys go first and the record after: a failure in between fails the erasure request (503,
     * safe to retry), and the record never says "erased" while a key remains.
     */
    Mono<Long> eraseAllOf(String tenantId, String memberId, Instant now) {
        return mongo.remove(ownedBy(tenantId, memberId), ApiKeyDocument.class)
                .map(result -> result.getDeletedCount())
                .flatMap(erased -> mongo.save(new ApiKeyErasure(ApiKeyErasure.idOf(tenantId, memberId), now, erased))
                        .thenReturn(erased));
    }

    /** When the member's keys were erased, if they were. */
    Mono<ApiKeyErasure> erasureOf(String tenantId, String memberId) {
        return mongo.findById(ApiKeyErasure.idOf(tenantId, memberId), ApiKeyErasure.class);
    }

    /** Records that the key was used, at most once per {@link #LAST_USED_RESOLUTION}. */
    Mono<Void> markUsed(ApiKey key, Instant now) {
        if (key.lastUsedAt() != null
                && key.lastUsedAt().plus(LAST_USED_RESOLUTION).isAfter(now)) {
            return Mono.empty();
        }
        Query stale = Query.query(Criteria.where("_id").is(key.id()))
                .addCriteria(new Criteria()
                        .orOperator(
                                Criteria.where("lastUsedAt").is(null),
                                Criteria.where("lastUsedAt").lte(now.minus(LAST_USED_RESOLUTION))));
        return mongo.updateFirst(stale, new Update().set("lastUsedAt", now), ApiKeyDocument.class)
                .then();
    }

    /** Keys stored before keys had a default lifetime expire that long after their creation. */
    private ApiKey toKey(ApiKeyDocument document) {
        ApiKey key = document.toKey();
        return key.expiresAt() != null ? key : key.withExpiresAt(key.createdAt().plus(defaultLifetime));
    }

    private static Query ownedBy(String tenantId, String memberId) {
        return Query.query(
                Criteria.where("tenantId").is(tenantId).and("memberId").is(memberId));
    }
}

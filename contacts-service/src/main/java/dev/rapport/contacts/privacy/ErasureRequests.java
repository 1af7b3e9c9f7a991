package dev.rapport.contacts.privacy;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.rapport.contacts.privacy.domain.ErasureProgress;
import dev.rapport.contracts.events.MemberDataErased;
import dev.rapport.contracts.events.MemberErasureRequested;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.events.Aggregates;
import dev.rapport.support.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Members' erasure requests: made here, served by every service, completed when all have confirmed. */
@Component
public class ErasureRequests {

    private static final Logger log = LoggerFactory.getLogger(ErasureRequests.class);

    private final MongoTemplate mongo;
    private final Aggregates aggregates;
    private final Clock clock;

    ErasureRequests(MongoTemplate mongo, Aggregates aggregates, Clock clock) {
        this.mongo = mongo;
        this.aggregates = aggregates;
        this.clock = clock;
    }

    /** The member's pending request, or a new one announced to every service with MemberErasureRequested. */
    ErasureRequestDocument request(IdentityAssertion caller) {
        ErasureRequestDocument pending = mongo.findOne(
                query(where("memberId").is(caller.memberId()).and("status").is(ErasureRequestDocument.PENDING)),
                ErasureRequestDocument.class);
        if (pending != null) {
            return pending;
        }
        Instant now = clock.instant();
        ErasureRequestDocument request =
                new ErasureRequestDocument(UUID.randomUUID().toString(), caller.memberId(), caller.tenantId(), now);
        request.record(h -> new MemberErasureRequested(h, request.getId()));
        return aggregates.insert(request);
    }

    /** One of the caller's requests; another member's answers 404. */
    ErasureRequestDocument get(IdentityAssertion caller, String id) {
        ErasureRequestDocument request = mongo.findOne(ofMember(caller.memberId(), id), ErasureRequestDocument.class);
        if (request == null) {
            throw ApiException.notFound("erasure request", id);
        }
        return request;
    }

    /** Every request of a member, oldest first. */
    List<ErasureRequestDocument> of(String memberId) {
        return mongo.find(
                query(where("memberId").is(memberId)).with(Sort.by("requestedAt", "_id")),
                ErasureRequestDocument.class);
    }

    /**
     * Records a service's confirmation; the request is completed by whichever confirmation is the last to
     * arrive. Confirmations may arrive at once from three topics, so each one is an atomic update.
     */
    public void confirmed(MemberDataErased confirmation) {
        if (!ErasureProgress.expects(confirmation.service())) {
            log.warn("Ignoring erasure confirmation from unknown service {}", confirmation.service());
            return;
        }
        Query request = ofMember(confirmation.memberId(), confirmation.requestId());
        ErasureRequestDocument updated = mongo.findAndModify(
                request,
                new Update().set("erasedAt." + confirmation.service(), confirmation.occurredAt()),
                FindAndModifyOptions.options().returnNew(true),
                ErasureRequestDocument.class);
        if (updated == null) {
            log.warn("Ignoring confirmation of unknown erasure request {}", confirmation.requestId());
            return;
        }
        if (updated.progress().complete()) {
            mongo.updateFirst(
                    Query.query(where("_id").is(updated.getId()).and("status").is(ErasureRequestDocument.PENDING)),
                    new Update().set("status", ErasureRequestDocument.COMPLETED).set("completedAt", clock.instant()),
                    ErasureRequestDocument.class);
        }
    }

    private static Query ofMember(String memberId, String id) {
        return query(where("_id").is(id).and("memberId").is(memberId));
    }
}

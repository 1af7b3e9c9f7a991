package dev.rapport.contacts.contacts;

import dev.rapport.contacts.domain.Cadences;
import java.time.Clock;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

/** Each member's default cadence per tier, stored once per member ({@code _id} = member id). */
@Component
public class MemberCadences {

    private final MongoTemplate mongo;
    private final Clock clock;

    MemberCadences(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** The member's cadences, or the defaults when they never chose any. */
    public Cadences of(String memberId) {
        Stored stored = mongo.findById(memberId, Stored.class);
        return stored == null ? Cadences.DEFAULTS : stored.cadences;
    }

    void set(String memberId, Cadences cadences) {
        mongo.save(new Stored(memberId, cadences, clock.instant()));
    }

    /** The stored settings. */
    @Document("member_cadences")
    record Stored(@Id String memberId, Cadences cadences, Instant updatedAt) {}
}

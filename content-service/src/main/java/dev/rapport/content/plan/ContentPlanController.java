package dev.rapport.content.plan;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.ApiException;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The member's content plan. */
@RestController
@RequestMapping("/api/v1/content/plan")
class ContentPlanController {

    private final MongoTemplate mongo;
    private final Clock clock;

    ContentPlanController(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @GetMapping
    ContentPlan get(IdentityAssertion caller) {
        ContentPlanDocument stored = mongo.findById(caller.memberId(), ContentPlanDocument.class);
        return stored == null ? new ContentPlan(null, List.of(), List.of(), "UTC") : stored.plan;
    }

    @PutMapping
    ContentPlan put(IdentityAssertion caller, @Valid @RequestBody ContentPlan plan) {
        String zone = plan.timeZone() == null ? "UTC" : plan.timeZone();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ApiException.invalidField("timeZone", "is not a time zone id such as Europe/Madrid");
        }
        ContentPlanDocument stored = mongo.findById(caller.memberId(), ContentPlanDocument.class);
        if (stored == null) {
            stored = new ContentPlanDocument();
            stored.memberId = caller.memberId();
            stored.tenantId = caller.tenantId();
        }
        stored.plan = new ContentPlan(
                plan.brandStatement(),
                plan.pillars() == null ? List.of() : plan.pillars(),
                plan.cadences() == null ? List.of() : plan.cadences(),
                zone);
        stored.updatedAt = clock.instant();
        return mongo.save(stored).plan;
    }
}

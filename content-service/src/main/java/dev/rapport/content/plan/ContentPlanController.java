package dev.rapport.content.plan;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.ConditionalRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The member's content plan. */
@RestController
@Tag(name = "Content plan", description = "Brand statement, pillars, cadences per channel and posting slots")
@RequestMapping("/api/v1/content/plan")
class ContentPlanController {

    private final ContentPlanService plans;

    ContentPlanController(ContentPlanService plans) {
        this.plans = plans;
    }

    @GetMapping
    @Operation(summary = "Read the plan (an empty plan in UTC when none was saved)")
    ResponseEntity<ContentPlan> get(IdentityAssertion caller) {
        ContentPlanService.Versioned read = plans.read(caller.memberId());
        return ResponseEntity.ok()
                .header(HttpHeaders.ETAG, ContentPlanService.etag(read.version()))
                .body(read.plan());
    }

    @PutMapping
    @Operation(
            summary = "Replace the plan",
            description = "A cadence that is new or changed is judged from its first full period after now;"
                    + " an unchanged one keeps its history. With If-Match, a plan changed meanwhile answers 412.")
    ResponseEntity<ContentPlan> put(
            IdentityAssertion caller,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody ContentPlan plan) {
        ContentPlanService.Versioned saved = plans.replace(caller, plan, ConditionalRequests.expectedVersion(ifMatch));
        return ResponseEntity.ok()
                .header(HttpHeaders.ETAG, ContentPlanService.etag(saved.version()))
                .body(saved.plan());
    }
}

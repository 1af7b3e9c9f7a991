package dev.rapport.contacts.groups;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.CursorPage;
import dev.rapport.support.web.IdempotentRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The groups the member takes part in. */
@RestController
@Validated
@RequestMapping("/api/v1/groups")
@Tag(name = "Groups", description = "Forums, associations, meetups, Slack communities and taking part in them")
class GroupController {

    private final GroupService service;
    private final IdempotentRequests idempotency;

    GroupController(GroupService service, IdempotentRequests idempotency) {
        this.service = service;
        this.idempotency = idempotency;
    }

    @PostMapping
    @Operation(
            operationId = "addGroup",
            summary = "Follow a group",
            description = "With a participation cadence (weekly by default): GroupGoneQuiet is published once"
                    + " when it lapses, until the next participation. Safe to retry with an Idempotency-Key.")
    ResponseEntity<?> add(
            IdentityAssertion caller,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody GroupRequest request) {
        return idempotency.execute(caller, idempotencyKey, request, () -> {
            GroupDocument group = service.add(caller, request);
            return ResponseEntity.created(URI.create("/api/v1/groups/" + group.getId()))
                    .body(GroupView.of(group));
        });
    }

    @GetMapping
    @Operation(
            summary = "List groups",
            description = "Cursor-paginated, with the total; goalId keeps those linked to a goal.")
    CursorPage<GroupView> list(
            IdentityAssertion caller,
            @RequestParam(required = false) String goalId,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        CursorPage<GroupDocument> page = service.list(caller, goalId, cursor, limit);
        return new CursorPage<>(page.items().stream().map(GroupView::of).toList(), page.total(), page.nextCursor());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a group")
    GroupView get(IdentityAssertion caller, @PathVariable String id) {
        return GroupView.of(service.get(caller, id));
    }

    @PostMapping("/{id}/participations")
    @Operation(
            summary = "Log a participation",
            description = "occurredAt may be in the past, never in the future; moves the group's clock forward and"
                    + " ends a quiet episode.")
    ResponseEntity<?> participate(
            IdentityAssertion caller,
            @PathVariable String id,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody ParticipationRequest request) {
        return idempotency.execute(caller, idempotencyKey, request, () -> {
            GroupDocument.Participation participation = service.participate(caller, id, request);
            return ResponseEntity.created(URI.create("/api/v1/groups/" + id + "/participations"))
                    .body(GroupView.ParticipationView.of(participation));
        });
    }

    @GetMapping("/{id}/participations")
    @Operation(summary = "A group's participations", description = "Most recent first.")
    List<GroupView.ParticipationView> participations(IdentityAssertion caller, @PathVariable String id) {
        return service.get(caller, id).participations.stream()
                .sorted((a, b) -> b.occurredAt().compareTo(a.occurredAt()))
                .map(GroupView.ParticipationView::of)
                .toList();
    }
}

package dev.rapport.contacts.goals;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.IdempotentRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
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

/** The member's professional goals. */
@RestController
@Validated
@RequestMapping("/api/v1/goals")
@Tag(name = "Goals", description = "Concrete professional goals and who in the network relates to them")
class GoalController {

    private final GoalService service;
    private final IdempotentRequests idempotency;

    GoalController(GoalService service, IdempotentRequests idempotency) {
        this.service = service;
        this.idempotency = idempotency;
    }

    @PostMapping
    @Operation(
            operationId = "addGoal",
            summary = "Add a goal",
            description =
                    "Link contacts (goalIds on the contact) and groups to it. Safe to retry with an Idempotency-Key.")
    ResponseEntity<?> add(
            IdentityAssertion caller,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody GoalRequest request) {
        return idempotency.execute(caller, idempotencyKey, request, () -> {
            GoalDocument goal = service.add(caller, request);
            return ResponseEntity.created(URI.create("/api/v1/goals/" + goal.getId()))
                    .body(GoalView.of(goal));
        });
    }

    @GetMapping
    @Operation(summary = "List goals", description = "Nearest target date first.")
    List<GoalView> list(
            IdentityAssertion caller,
            @RequestParam(required = false)
                    @Pattern(regexp = "open|achieved|dropped", message = "must be open, achieved or dropped")
                    String status) {
        return service.list(caller, status).stream().map(GoalView::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a goal")
    GoalView get(IdentityAssertion caller, @PathVariable String id) {
        return GoalView.of(service.get(caller, id));
    }
}

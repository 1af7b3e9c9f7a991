package dev.rapport.contacts.interactions;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.IdempotentRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Logging interactions, keeping promises and reading a contact's history. */
@RestController
@Validated
@Tag(name = "Interactions", description = "What happened with whom, and the promises made both ways")
class InteractionController {

    private final InteractionService service;
    private final IdempotentRequests idempotency;

    InteractionController(InteractionService service, IdempotentRequests idempotency) {
        this.service = service;
        this.idempotency = idempotency;
    }

    @PostMapping("/api/v1/interactions")
    @Operation(
            summary = "Log an interaction",
            description = "With one or several contacts; occurredAt may be in the past, never in the future. Resets"
                    + " each contact's keep-in-touch clock (a backdated interaction older than the latest never moves"
                    + " it back); ends a staleness episode with ContactReengaged. Publishes InteractionLogged with the"
                    + " promises made both ways. Safe to retry with an Idempotency-Key.")
    ResponseEntity<?> log(
            IdentityAssertion caller,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody InteractionRequest request) {
        return idempotency.execute(caller, idempotencyKey, request, () -> {
            InteractionDocument interaction = service.log(caller, request);
            return ResponseEntity.created(URI.create("/api/v1/interactions/" + interaction.getId()))
                    .body(InteractionView.of(interaction));
        });
    }

    @GetMapping("/api/v1/interactions/{id}")
    @Operation(summary = "Read an interaction")
    InteractionView get(IdentityAssertion caller, @PathVariable String id) {
        return InteractionView.of(service.get(caller, id));
    }

    /** Whether a promise was kept. */
    record PromiseState(@NotNull Boolean done) {}

    @PatchMapping("/api/v1/interactions/{id}/promises/{promiseId}")
    @Operation(
            summary = "Mark a promise as kept (done: true) or open again (done: false)",
            description = "Publishes PromiseKept or PromiseReopened (with the promise's revision), so that its"
                    + " follow-up reminder is completed or reopened; marking a promise as it already is changes"
                    + " nothing and publishes nothing.")
    InteractionView promise(
            IdentityAssertion caller,
            @PathVariable String id,
            @PathVariable String promiseId,
            @Valid @RequestBody PromiseState state) {
        return InteractionView.of(service.setPromiseDone(caller, id, promiseId, state.done()));
    }

    @GetMapping("/api/v1/contacts/{id}/interactions")
    @Operation(summary = "A contact's interactions", description = "Newest first.")
    List<InteractionView> ofContact(
            IdentityAssertion caller,
            @PathVariable String id,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return service.ofContact(caller, id, limit).stream()
                .map(InteractionView::of)
                .toList();
    }
}

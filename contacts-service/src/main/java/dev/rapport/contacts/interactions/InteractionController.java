package dev.rapport.contacts.interactions;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.IdempotentRequests;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Logging interactions and reading a contact's history. */
@RestController
@Validated
class InteractionController {

    private final InteractionService service;
    private final IdempotentRequests idempotency;

    InteractionController(InteractionService service, IdempotentRequests idempotency) {
        this.service = service;
        this.idempotency = idempotency;
    }

    @PostMapping("/api/v1/interactions")
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

    @GetMapping("/api/v1/contacts/{id}/interactions")
    List<InteractionView> ofContact(
            IdentityAssertion caller,
            @PathVariable String id,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return service.ofContact(caller, id, limit).stream()
                .map(InteractionView::of)
                .toList();
    }
}

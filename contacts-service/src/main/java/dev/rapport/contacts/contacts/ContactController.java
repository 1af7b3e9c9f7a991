package dev.rapport.contacts.contacts;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.ApiException;
import dev.rapport.support.web.CursorPage;
import dev.rapport.support.web.IdempotentRequests;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
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

/** The member's contacts. */
@RestController
@Validated
@RequestMapping("/api/v1/contacts")
class ContactController {

    private final ContactService service;
    private final IdempotentRequests idempotency;

    ContactController(ContactService service, IdempotentRequests idempotency) {
        this.service = service;
        this.idempotency = idempotency;
    }

    @PostMapping
    ResponseEntity<?> add(
            IdentityAssertion caller,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody ContactRequest request) {
        return idempotency.execute(caller, idempotencyKey, request, () -> {
            ContactDocument contact = service.add(caller, request);
            return ResponseEntity.created(URI.create("/api/v1/contacts/" + contact.getId()))
                    .eTag(etag(contact))
                    .body(ContactView.of(contact));
        });
    }

    @GetMapping("/{id}")
    ResponseEntity<ContactView> get(IdentityAssertion caller, @PathVariable String id) {
        ContactDocument contact = service.get(caller, id);
        return ResponseEntity.ok().eTag(etag(contact)).body(ContactView.of(contact));
    }

    @GetMapping
    CursorPage<ContactView> list(
            IdentityAssertion caller,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String tier,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "false") boolean archived,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        CursorPage<ContactDocument> page = service.list(
                caller, new ContactService.ListFilter(q, tag, parseTier(tier), status, archived), cursor, limit);
        return new CursorPage<>(page.items().stream().map(ContactView::of).toList(), page.total(), page.nextCursor());
    }

    private static Tier parseTier(String tier) {
        try {
            return tier == null ? null : Tier.of(tier);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("tier", e.getMessage());
        }
    }

    static String etag(ContactDocument contact) {
        return "\"" + contact.getVersion() + "\"";
    }
}

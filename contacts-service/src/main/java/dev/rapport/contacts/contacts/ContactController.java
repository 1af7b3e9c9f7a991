package dev.rapport.contacts.contacts;

import dev.rapport.contacts.domain.Tier;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.ApiException;
import dev.rapport.support.web.CursorPage;
import dev.rapport.support.web.IdempotentRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The member's contacts and their milestones. */
@RestController
@Validated
@RequestMapping("/api/v1/contacts")
@Tag(name = "Contacts", description = "The member's network: contacts, keep-in-touch clocks, milestones")
class ContactController {

    private final ContactService service;
    private final ContactQueries queries;
    private final IdempotentRequests idempotency;
    private final Clock clock;

    ContactController(ContactService service, ContactQueries queries, IdempotentRequests idempotency, Clock clock) {
        this.service = service;
        this.queries = queries;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    @PostMapping
    @Operation(
            operationId = "addContact",
            summary = "Add a contact",
            description = "Publishes ContactAdded. Safe to retry with an Idempotency-Key. Answers the ETag to"
                    + " send as If-Match when updating.")
    ResponseEntity<?> add(
            IdentityAssertion caller,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody ContactRequest request) {
        return idempotency.execute(caller, idempotencyKey, request, () -> {
            ContactDocument contact = service.add(caller, request);
            return ResponseEntity.created(URI.create("/api/v1/contacts/" + contact.getId()))
                    .eTag(ContactService.etag(contact))
                    .body(view(contact));
        });
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a contact", description = "Answers its ETag; another member's id answers 404.")
    ResponseEntity<ContactView> get(IdentityAssertion caller, @PathVariable String id) {
        ContactDocument contact = service.get(caller, id);
        return ResponseEntity.ok().eTag(ContactService.etag(contact)).body(view(contact));
    }

    @PatchMapping(
            value = "/{id}",
            consumes = {"application/merge-patch+json", "application/json"})
    @Operation(
            summary = "Change a contact (JSON merge patch)",
            description = "Send only the fields to change; null clears a field. If-Match with the ETag you read is"
                    + " required (428 without it); 412 when the contact changed since. Publishes ContactUpdated"
                    + " with the changed fields.")
    ResponseEntity<ContactView> update(
            IdentityAssertion caller,
            @PathVariable String id,
            @Parameter(description = "The ETag of the contact as you read it")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @RequestBody JsonNode patch) {
        ContactDocument contact = service.update(caller, id, ifMatch, patch);
        return ResponseEntity.ok().eTag(ContactService.etag(contact)).body(view(contact));
    }

    @DeleteMapping("/{id}")
    @Operation(
            summary = "Archive a contact",
            description = "Archived contacts keep their history but never go stale; publishes ContactArchived."
                    + " If-Match is optional (412 when it does not match). Restore with POST …/restore.")
    ResponseEntity<ContactView> archive(
            IdentityAssertion caller,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        ContactDocument contact = service.archive(caller, id, ifMatch);
        return ResponseEntity.ok().eTag(ContactService.etag(contact)).body(view(contact));
    }

    @PostMapping("/{id}/restore")
    @Operation(summary = "Restore an archived contact", description = "Publishes ContactUpdated of archived.")
    ResponseEntity<ContactView> restore(IdentityAssertion caller, @PathVariable String id) {
        ContactDocument contact = service.restore(caller, id);
        return ResponseEntity.ok().eTag(ContactService.etag(contact)).body(view(contact));
    }

    @GetMapping
    @Operation(
            summary = "List contacts",
            description = "Cursor-paginated (by creation), with the total matching. q searches names, company and"
                    + " e-mails ignoring case and accents; status is stale (overdue), due-soon (within 7 days) or ok.")
    CursorPage<ContactView> list(
            IdentityAssertion caller,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String tag,
            @Parameter(description = "inner, strategic, regular or acquaintance") @RequestParam(required = false)
                    String tier,
            @Parameter(description = "stale, due-soon or ok") @RequestParam(required = false) String status,
            @Parameter(description = "Only contacts linked to this goal") @RequestParam(required = false) String goalId,
            @RequestParam(defaultValue = "false") boolean archived,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        CursorPage<ContactDocument> page = queries.list(
                caller,
                new ContactQueries.ListFilter(q, tag, parseTier(tier), status, goalId, archived),
                cursor,
                limit);
        return new CursorPage<>(page.items().stream().map(this::view).toList(), page.total(), page.nextCursor());
    }

    @PostMapping("/{id}/milestones")
    @Operation(
            summary = "Record a milestone",
            description = "Publishes MilestoneRecorded. A birthday becomes the contact's birthday and is announced"
                    + " again every year, a few days ahead.")
    ResponseEntity<?> recordMilestone(
            IdentityAssertion caller,
            @PathVariable String id,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody MilestoneRequest request) {
        return idempotency.execute(caller, idempotencyKey, request, () -> {
            Milestone milestone = service.recordMilestone(caller, id, request);
            return ResponseEntity.created(URI.create("/api/v1/contacts/" + id + "/milestones"))
                    .body(MilestoneView.of(milestone));
        });
    }

    @GetMapping("/{id}/milestones")
    @Operation(summary = "A contact's milestones", description = "Most recent first.")
    List<MilestoneView> milestones(IdentityAssertion caller, @PathVariable String id) {
        return service.get(caller, id).milestones.reversed().stream()
                .map(MilestoneView::of)
                .toList();
    }

    private ContactView view(ContactDocument contact) {
        return ContactView.of(contact, clock.instant());
    }

    private static Tier parseTier(String tier) {
        try {
            return tier == null ? null : Tier.of(tier);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("tier", e.getMessage());
        }
    }

    /** A milestone as the API shows it. */
    record MilestoneView(
            String id, String kind, String title, java.time.LocalDate date, String note, java.time.Instant recordedAt) {
        static MilestoneView of(Milestone m) {
            return new MilestoneView(m.milestoneId(), m.kind(), m.title(), m.date(), m.note(), m.recordedAt());
        }
    }
}

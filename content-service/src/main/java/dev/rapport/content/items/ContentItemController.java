package dev.rapport.content.items;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.ConditionalRequests;
import dev.rapport.support.web.CursorPage;
import dev.rapport.support.web.IdempotentRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The member's content items and their lifecycle. */
@RestController
@Validated
@Tag(name = "Content items", description = "Ideas, drafts, scheduled and published items; invalid moves answer 409")
@RequestMapping("/api/v1/content/items")
class ContentItemController {

    private final ContentItemService items;
    private final IdempotentRequests idempotent;

    ContentItemController(ContentItemService items, IdempotentRequests idempotent) {
        this.items = items;
        this.idempotent = idempotent;
    }

    @PostMapping
    @Operation(summary = "Add an item (an idea unless status says draft or scheduled); publishes ContentPlanned")
    ResponseEntity<?> create(
            IdentityAssertion caller,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
            @Valid @RequestBody ItemRequests.NewItem request) {
        return idempotent.execute(caller, key, request, () -> {
            ContentItemDocument created = items.create(caller, request);
            return ResponseEntity.created(URI.create("/api/v1/content/items/" + created.getId()))
                    .header(HttpHeaders.ETAG, ContentItemService.etag(created))
                    .body(ItemView.of(created));
        });
    }

    @GetMapping
    @Operation(summary = "List items, oldest first, cursor-paginated")
    CursorPage<ItemView> list(
            IdentityAssertion caller,
            @RequestParam(required = false)
                    @Pattern(
                            regexp = "idea|draft|scheduled|published|archived",
                            message = "must be idea, draft, scheduled, published or archived")
                    String status,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) String pillar,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        CursorPage<ContentItemDocument> page = items.list(caller, status, channel, pillar, cursor, limit);
        return new CursorPage<>(page.items().stream().map(ItemView::of).toList(), page.total(), page.nextCursor());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a content item (with its ETag)")
    ResponseEntity<ItemView> get(IdentityAssertion caller, @PathVariable String id) {
        return withEtag(items.get(caller, id));
    }

    @PatchMapping("/{id}")
    @Operation(
            summary = "Change an item or move it through its lifecycle",
            description = "idea → draft → scheduled → published → archived (a draft may go back to idea, a scheduled"
                    + " item back to draft). Another move answers 409 with the reason; a stale If-Match answers 412.")
    ResponseEntity<ItemView> update(
            IdentityAssertion caller,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody ItemRequests.ItemPatch patch) {
        return withEtag(items.update(caller, id, ConditionalRequests.expectedVersion(ifMatch), patch));
    }

    @PostMapping("/{id}/publish")
    @Operation(
            summary =
                    "Mark a draft or scheduled item published (now or at a past publishedAt); publishes ContentPublished")
    ResponseEntity<?> publish(
            IdentityAssertion caller,
            @PathVariable String id,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
            @Valid @RequestBody(required = false) ItemRequests.Publish request) {
        return idempotent.execute(
                caller,
                key,
                request == null ? "publish " + id : request,
                () -> withEtag(items.publish(caller, id, request)));
    }

    @PostMapping("/{id}/schedule")
    @Operation(
            summary =
                    "Schedule a draft, or reschedule; without scheduledFor it takes the next free slot of its channel",
            description = "The queue: the next preferred posting slot of the item's channel that is not taken and lies"
                    + " in a period that has not reached its cadence yet. Publishes ContentScheduled.")
    ResponseEntity<?> schedule(
            IdentityAssertion caller,
            @PathVariable String id,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
            @Valid @RequestBody(required = false) ItemRequests.Schedule request) {
        return idempotent.execute(
                caller,
                key,
                request == null ? "schedule " + id : request,
                () -> withEtag(items.schedule(caller, id, request)));
    }

    private static ResponseEntity<ItemView> withEtag(ContentItemDocument item) {
        return ResponseEntity.ok()
                .header(HttpHeaders.ETAG, ContentItemService.etag(item))
                .body(ItemView.of(item));
    }
}

package dev.rapport.reminders.webhooks;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.CursorPage;
import dev.rapport.support.web.IdempotentRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Webhook subscriptions of API consumers: events about the member's own data, pushed (docs/webhooks.md). */
@RestController
@Validated
@RequestMapping("/api/v1/webhooks")
@Tag(
        name = "Webhooks",
        description = "Subscriptions to the member's events: CloudEvents JSON, Standard Webhooks" + " signatures")
class WebhookController {

    private final WebhookSubscriptionService subscriptions;
    private final WebhookLog log;
    private final IdempotentRequests idempotent;

    WebhookController(WebhookSubscriptionService subscriptions, WebhookLog log, IdempotentRequests idempotent) {
        this.subscriptions = subscriptions;
        this.log = log;
        this.idempotent = idempotent;
    }

    @PostMapping
    @Operation(
            operationId = "createWebhook",
            summary = "Subscribe a URL to event types",
            description = "Answers the signing secret once. Safe to retry with an Idempotency-Key. An API key's"
                    + " subscription only gets the events its scopes may read.",
            responses =
                    @ApiResponse(
                            responseCode = "201",
                            description = "Subscribed; the answer holds the secret, shown this once",
                            content = @Content(schema = @Schema(implementation = WebhookViews.Subscription.class))))
    ResponseEntity<?> create(
            IdentityAssertion caller,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
            @Valid @RequestBody WebhookRequests.Create request) {
        return idempotent.execute(caller, key, request, () -> {
            WebhookViews.Subscription created = subscriptions.create(caller, request);
            return ResponseEntity.created(URI.create("/api/v1/webhooks/" + created.id()))
                    .body(created);
        });
    }

    @GetMapping
    @Operation(operationId = "listWebhooks", summary = "List the subscriptions (an API key sees its own)")
    List<WebhookViews.Subscription> list(IdentityAssertion caller) {
        return subscriptions.list(caller);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getWebhook", summary = "Read a subscription (never its secret)")
    WebhookViews.Subscription get(IdentityAssertion caller, @PathVariable String id) {
        return subscriptions.get(caller, id);
    }

    @PatchMapping("/{id}")
    @Operation(
            operationId = "updateWebhook",
            summary = "Change the URL, types or description, pause or resume",
            description = "status paused stops deliveries; active resumes, also after the subscription was disabled.")
    WebhookViews.Subscription update(
            IdentityAssertion caller, @PathVariable String id, @Valid @RequestBody WebhookRequests.Change request) {
        return subscriptions.update(caller, id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteWebhook", summary = "Delete a subscription; its pending deliveries are cancelled")
    void delete(IdentityAssertion caller, @PathVariable String id) {
        subscriptions.delete(caller, id);
    }

    @PostMapping("/{id}/secret/rotate")
    @Operation(
            operationId = "rotateWebhookSecret",
            summary = "Rotate the signing secret",
            description = "Answers the new secret once; the previous one keeps signing next to it for the overlap"
                    + " (default 24 hours), so receivers can switch without losing a delivery.")
    WebhookViews.Subscription rotate(
            IdentityAssertion caller,
            @PathVariable String id,
            @Valid @RequestBody(required = false) WebhookRequests.Rotation request) {
        return subscriptions.rotate(caller, id, request);
    }

    @GetMapping("/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The delivery log, newest first")
    CursorPage<WebhookViews.Delivery> deliveries(
            IdentityAssertion caller,
            @PathVariable String id,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return log.deliveries(caller, id, cursor, limit);
    }

    @PostMapping("/{id}/deliveries/{deliveryId}/redeliver")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            operationId = "redeliverWebhookDelivery",
            summary = "Send a delivery again",
            description = "Same webhook-id and body, a fresh day of retries; only for a delivery that ended.")
    WebhookViews.Delivery redeliver(
            IdentityAssertion caller, @PathVariable String id, @PathVariable String deliveryId) {
        return log.redeliver(caller, id, deliveryId);
    }

    @PostMapping("/{id}/ping")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            operationId = "pingWebhook",
            summary = "Send a test event",
            description = "Queues a rapport.webhooks.Ping.v1 CloudEvent, signed like every delivery.")
    WebhookViews.Delivery ping(IdentityAssertion caller, @PathVariable String id) {
        return log.ping(caller, id);
    }
}

package dev.rapport.reminders.webhooks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Webhook;
import io.swagger.v3.oas.annotations.Webhooks;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The OpenAPI 3.1 {@code webhooks} section of reminders-service's document: what a subscription's URL receives
 * (docs/webhooks.md). The event payloads themselves are documented in docs/asyncapi.yaml.
 */
@Component
@Webhooks({
    @Webhook(
            name = "rapportEvent",
            operation =
                    @Operation(
                            operationId = "receiveRapportEvent",
                            method = "post",
                            summary = "An event about the member's data, as a subscription receives it",
                            description = "CloudEvents 1.0 structured JSON, signed per Standard Webhooks with the"
                                    + " subscription's secret over <webhook-id>.<webhook-timestamp>.<body>. Retried"
                                    + " for 24 hours on any answer other than 2xx; de-duplicate on webhook-id.",
                            parameters = {
                                @Parameter(
                                        name = "webhook-id",
                                        in = ParameterIn.HEADER,
                                        required = true,
                                        description = "The delivery's id, the same on every attempt",
                                        schema = @Schema(type = "string")),
                                @Parameter(
                                        name = "webhook-timestamp",
                                        in = ParameterIn.HEADER,
                                        required = true,
                                        description = "Seconds since the epoch when this attempt was signed",
                                        schema = @Schema(type = "integer", format = "int64")),
                                @Parameter(
                                        name = "webhook-signature",
                                        in = ParameterIn.HEADER,
                                        required = true,
                                        description = "Space-separated v1,<base64 HMAC-SHA256> signatures (two"
                                                + " during a secret rotation's overlap)",
                                        schema = @Schema(type = "string"))
                            },
                            requestBody =
                                    @RequestBody(
                                            required = true,
                                            content =
                                                    @Content(
                                                            mediaType = "application/cloudevents+json",
                                                            schema =
                                                                    @Schema(
                                                                            implementation =
                                                                                    WebhookApiDocs.WebhookCloudEvent
                                                                                            .class))),
                            responses = {
                                @ApiResponse(
                                        responseCode = "200",
                                        description = "Received (any 2xx): the delivery is done"),
                                @ApiResponse(
                                        responseCode = "default",
                                        description = "Any other answer, or none within 5 seconds: retried with"
                                                + " exponential backoff for 24 hours, then the subscription is"
                                                + " disabled")
                            }))
})
class WebhookApiDocs {

    /** A delivery's body. */
    @Schema(name = "WebhookCloudEvent", description = "A CloudEvents 1.0 event in structured JSON mode")
    record WebhookCloudEvent(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "1.0")
            String specversion,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The event's id (eventId)")
            String id,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "/rapport/reminders-service")
            String source,

            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "rapport.reminders.ReminderCreated.v1",
                    description = "A type of docs/asyncapi.yaml, or rapport.webhooks.Ping.v1")
            String type,

            @Schema(
                    description = "What the event is about (a contact, a reminder …): deliveries of one subject"
                            + " arrive in order")
            String subject,

            Instant time,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "application/json")
            String datacontenttype,

            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    description = "The event's payload, as docs/asyncapi.yaml documents it for its type")
            Map<String, Object> data) {}
}

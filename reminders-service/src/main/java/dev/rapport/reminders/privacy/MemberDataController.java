package dev.rapport.reminders.privacy;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.privacy.ExportSlots;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/** The member's copy of their reminders data. */
@RestController
@Tag(name = "Member data", description = "The member's right to a copy of their data")
class MemberDataController {

    private final MemberExports exports;
    private final JsonMapper json;
    private final ExportSlots slots;

    MemberDataController(MemberExports exports, JsonMapper json, ExportSlots slots) {
        this.exports = exports;
        this.json = json;
        this.slots = slots;
    }

    @GetMapping("/api/v1/me/export")
    @Operation(
            summary = "Export everything reminders-service holds of the member",
            description =
                    "Reminders, routines, notification settings (without the webhook secret), calendar feed status, what it learned about contacts and digest deliveries. The gateway merges it with the other"
                            + " services' exports under `reminders`. Never cached; streamed as it is read, a few exports at a time (others wait their turn, then 503; the member's exports that wait together are read once).",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = RemindersExport.class))))
    ResponseEntity<StreamingResponseBody> export(IdentityAssertion caller) {
        return slots.stream(json, caller.memberId(), export -> exports.write(caller.memberId(), export));
    }
}

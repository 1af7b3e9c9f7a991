package dev.rapport.contacts.privacy;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.privacy.ExportSlots;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/** The member's rights over their data: a copy of it, and erasure across every service. */
@RestController
@Tag(name = "Member data", description = "The member's rights to a copy of their data and to be forgotten")
class MemberDataController {

    private final MemberExports exports;
    private final JsonMapper json;
    private final ExportSlots slots;
    private final ErasureRequests erasures;

    MemberDataController(MemberExports exports, ErasureRequests erasures, JsonMapper json, ExportSlots slots) {
        this.exports = exports;
        this.json = json;
        this.slots = slots;
        this.erasures = erasures;
    }

    @GetMapping("/api/v1/me/export")
    @Operation(
            summary = "Export everything contacts-service holds of the member",
            description =
                    "Cadences, contacts (with milestones), interactions (with promises), goals, groups (with"
                            + " participations), share suggestions and erasure requests. The gateway merges it with the"
                            + " other services' exports under `contacts`. Never cached; streamed as it is read, a few exports at a time (others wait their turn, then 503; the member's exports that wait together are read once).",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = ContactsExport.class))))
    ResponseEntity<StreamingResponseBody> export(IdentityAssertion caller) {
        return slots.stream(json, caller.memberId(), export -> exports.write(caller.memberId(), export));
    }

    @DeleteMapping("/api/v1/me")
    @Operation(
            summary = "Erase the member everywhere",
            description = "Accepted (202): every service purges the member's data and confirms; follow the request"
                    + " at the Location. While a request is pending, asking again answers the same request. Events"
                    + " of the member from before the erasure are ignored afterwards, so replays bring nothing back.")
    ResponseEntity<ErasureRequestView> erase(IdentityAssertion caller) {
        ErasureRequestDocument request = erasures.request(caller);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/me/erasure/" + request.getId()))
                .body(ErasureRequestView.of(request));
    }

    @GetMapping("/api/v1/me/erasure/{id}")
    @Operation(
            summary = "Follow an erasure request",
            description = "pending until contacts, reminders and content have each confirmed, then completed.")
    ResponseEntity<ErasureRequestView> erasure(IdentityAssertion caller, @PathVariable String id) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(ErasureRequestView.of(erasures.get(caller, id)));
    }
}

package dev.rapport.reminders.privacy;

import dev.rapport.contracts.identity.IdentityAssertion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The member's copy of their reminders data. */
@RestController
@Tag(name = "Member data", description = "The member's right to a copy of their data")
class MemberDataController {

    private final MemberExports exports;

    MemberDataController(MemberExports exports) {
        this.exports = exports;
    }

    @GetMapping("/api/v1/me/export")
    @Operation(
            summary = "Export everything reminders-service holds of the member",
            description =
                    "Reminders, routines, notification settings (without the webhook secret), calendar feed status, what it learned about contacts and digest deliveries. The gateway merges it with the other"
                            + " services' exports under `reminders`. Never cached.")
    ResponseEntity<RemindersExport> export(IdentityAssertion caller) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(exports.of(caller.memberId()));
    }
}

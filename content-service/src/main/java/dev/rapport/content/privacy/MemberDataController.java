package dev.rapport.content.privacy;

import dev.rapport.contracts.identity.IdentityAssertion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The member's copy of their content data. */
@RestController
@Tag(name = "Member data", description = "The member's right to a copy of their data")
class MemberDataController {

    private final MemberExports exports;

    MemberDataController(MemberExports exports) {
        this.exports = exports;
    }

    @GetMapping("/api/v1/me/export")
    @Operation(
            summary = "Export everything content-service holds of the member",
            description = "Plan, items, feeds and detected cadence slips. The gateway merges it with the other"
                    + " services' exports under `content`. Never cached.")
    ResponseEntity<ContentExport> export(IdentityAssertion caller) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(exports.of(caller.memberId()));
    }
}

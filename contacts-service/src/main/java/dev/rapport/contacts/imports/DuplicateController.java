package dev.rapport.contacts.imports;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Possible duplicates that imports found but did not merge: listed, merged on request or dismissed. */
@RestController
@Validated
@RequestMapping("/api/v1/contacts/duplicates")
@Tag(name = "Imports")
class DuplicateController {

    private final PossibleDuplicates duplicates;

    DuplicateController(PossibleDuplicates duplicates) {
        this.duplicates = duplicates;
    }

    /** Which contact of the pair to keep; the first one when absent. */
    record MergeRequest(String keep) {}

    @GetMapping
    @Operation(
            summary = "List possible duplicates",
            description = "Pairs of your contacts that an import found may be the same person but did not merge:"
                    + " same name and company with no profile URL or e-mail to prove it (reason"
                    + " same-name-and-company), or one e-mail on two different profiles (same-email). Records with"
                    + " different profile URLs or e-mails are different people and are never listed. Oldest first;"
                    + " merged and dismissed pairs are not listed.")
    CursorPage<PossibleDuplicates.View> list(
            IdentityAssertion caller,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return duplicates.list(caller, cursor, limit);
    }

    @PostMapping("/{id}/merge")
    @Operation(
            summary = "Merge a possible duplicate",
            description = "The contact kept (the first of the pair, or body {\"keep\": id}) gains the details the"
                    + " other has and it lacks, never overwritten (ContactUpdated); the other is archived"
                    + " (ContactArchived), with its interactions. 404 for an unknown pair, 409 when it was already"
                    + " merged or dismissed.")
    PossibleDuplicates.Merged merge(
            IdentityAssertion caller, @PathVariable String id, @RequestBody(required = false) MergeRequest request) {
        return duplicates.merge(caller, id, request == null ? null : request.keep());
    }

    @PostMapping("/{id}/dismiss")
    @Operation(
            summary = "Dismiss a possible duplicate",
            description = "They are two people: the pair is not offered again, not even by a later import.")
    ResponseEntity<Void> dismiss(
            IdentityAssertion caller, @Parameter(description = "the pair's id") @PathVariable String id) {
        duplicates.dismiss(caller, id);
        return ResponseEntity.noContent().build();
    }
}

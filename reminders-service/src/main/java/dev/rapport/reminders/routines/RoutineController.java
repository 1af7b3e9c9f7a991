package dev.rapport.reminders.routines;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.CursorPage;
import dev.rapport.support.web.IdempotentRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The member's routines: recurring reviews and habits defined by RRULEs. */
@RestController
@Validated
@RequestMapping("/api/v1/routines")
@Tag(name = "Routines", description = "Recurring reminders defined by iCalendar RRULEs")
class RoutineController {

    private final RoutineService routines;
    private final IdempotentRequests idempotent;

    RoutineController(RoutineService routines, IdempotentRequests idempotent) {
        this.routines = routines;
        this.idempotent = idempotent;
    }

    @GetMapping
    @Operation(summary = "List the member's routines")
    CursorPage<RoutineView> list(
            IdentityAssertion caller,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return routines.list(caller, cursor, limit);
    }

    @PostMapping
    @Operation(
            summary = "Create a routine",
            description = "From a preset (profile-review, group-participation, blog-post, linkedin-post,"
                    + " network-review) or a title and an RFC 5545 RRULE, daily or slower. Safe to retry with an"
                    + " Idempotency-Key.")
    ResponseEntity<?> create(
            IdentityAssertion caller,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
            @Valid @RequestBody RoutineRequest request) {
        return idempotent.execute(caller, key, request, () -> {
            RoutineView created = routines.create(caller, request);
            return ResponseEntity.created(URI.create("/api/v1/routines/" + created.id()))
                    .body(created);
        });
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a routine")
    RoutineView get(IdentityAssertion caller, @PathVariable String id) {
        return routines.get(caller, id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Stop a routine", description = "The reminders it already made stay.")
    void delete(IdentityAssertion caller, @PathVariable String id) {
        routines.delete(caller, id);
    }
}

package dev.rapport.reminders.reminders;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.CursorPage;
import dev.rapport.support.web.IdempotentRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The member's reminders: list, read, write their own, and complete, snooze or dismiss them. */
@RestController
@Validated
@RequestMapping("/api/v1/reminders")
@Tag(name = "Reminders", description = "What to do, about whom, and why now")
class ReminderController {

    private final ReminderService service;
    private final ReminderQueries queries;
    private final IdempotentRequests idempotent;

    ReminderController(ReminderService service, ReminderQueries queries, IdempotentRequests idempotent) {
        this.service = service;
        this.queries = queries;
        this.idempotent = idempotent;
    }

    @GetMapping
    @Operation(
            summary = "List reminders by due date",
            description = "Filters combine; the cursor comes from the previous page.")
    CursorPage<ReminderView> list(
            IdentityAssertion caller,
            @Parameter(description = "open, snoozed, done or dismissed") @RequestParam(required = false) String status,
            @Parameter(
                            description =
                                    "follow-up, reach-out, congratulate, participate, write, share, answer-comments,"
                                            + " routine, prepare (a meeting with contacts tomorrow) or manual")
                    @RequestParam(required = false)
                    String kind,
            @Parameter(description = "Only reminders due before this day (exclusive)")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate dueBefore,
            @RequestParam(required = false) String contactId,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return queries.list(caller, new ReminderQueries.Filter(status, kind, dueBefore, contactId), cursor, limit);
    }

    @PostMapping
    @Operation(summary = "Create a manual reminder", description = "Safe to retry with an Idempotency-Key.")
    ResponseEntity<?> create(
            IdentityAssertion caller,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
            @Valid @RequestBody ManualReminderRequest request) {
        return idempotent.execute(caller, key, request, () -> {
            ReminderView created = service.createManual(caller, request);
            return ResponseEntity.created(URI.create("/api/v1/reminders/" + created.id()))
                    .body(created);
        });
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a reminder with its context")
    ReminderView get(IdentityAssertion caller, @PathVariable String id) {
        return service.get(caller, id);
    }

    @PostMapping("/{id}/complete")
    @Operation(
            summary = "Mark a reminder done",
            description = "Repeating it is harmless; a dismissed reminder answers 409.")
    ReminderView complete(IdentityAssertion caller, @PathVariable String id) {
        return service.complete(caller, id);
    }

    @PostMapping("/{id}/dismiss")
    @Operation(summary = "Dismiss a reminder", description = "Repeating it is harmless; a done reminder answers 409.")
    ReminderView dismiss(IdentityAssertion caller, @PathVariable String id) {
        return service.dismiss(caller, id);
    }

    @PostMapping("/{id}/snooze")
    @Operation(summary = "Put a reminder aside until a later day", description = "It opens again on that day.")
    ReminderView snooze(IdentityAssertion caller, @PathVariable String id, @Valid @RequestBody SnoozeRequest request) {
        return service.snooze(caller, id, request.until());
    }
}

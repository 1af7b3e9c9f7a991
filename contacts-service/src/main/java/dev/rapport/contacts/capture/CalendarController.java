package dev.rapport.contacts.capture;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.IdempotentRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Calendars a member connects so that meetings with contacts are logged and prepared for. */
@RestController
@RequestMapping("/api/v1/sync/calendars")
@Tag(
        name = "Capture",
        description = "Interactions captured where they happen: calendars (meetings with contacts become interactions"
                + " and prepare reminders), mailboxes (headers only: mail with contacts becomes interactions) and"
                + " LinkedIn's messages.csv (POST /api/v1/imports/linkedin-messages)")
class CalendarController {

    private final CalendarSources sources;
    private final IdempotentRequests idempotency;

    CalendarController(CalendarSources sources, IdempotentRequests idempotency) {
        this.sources = sources;
        this.idempotency = idempotency;
    }

    @PostMapping
    @Operation(
            operationId = "addCalendar",
            summary = "Connect a calendar",
            description = "An iCalendar address (Google's secret address, Outlook's or iCloud's published link)."
                    + " It must be https on a public address (the outbound guard), is stored encrypted and never shown"
                    + " again (only its host). Every poll-interval (30 min) the calendar is fetched conditionally"
                    + " (ETag / Last-Modified): every meeting of the last lookback (90 days) whose attendees or"
                    + " organizer include one of your contacts' e-mails is logged as one `meeting` interaction per"
                    + " occurrence and contact, at the meeting's end, with its title as summary unless summaries is"
                    + " false; a moved or cancelled occurrence loses it; meetings in the next horizon (14 days)"
                    + " get a prepare reminder the day before. The first sync runs within a minute; follow it with"
                    + " GET. Or a CalDAV calendar collection's URL with a username and password (stored encrypted"
                    + " like the address, never shown, logged or exported): each sync asks it for the window's"
                    + " events (a calendar-query REPORT); a refused username or password shows as status error,"
                    + " code unauthorized. 400 for an address that may not be fetched or a username without a"
                    + " password, 409 above the calendars allowed."
                    + " Safe to retry with an Idempotency-Key.")
    ResponseEntity<?> add(
            IdentityAssertion caller,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody CalendarRequest request) {
        return idempotency.execute(caller, idempotencyKey, request, () -> {
            CalendarSourceDocument source = sources.add(caller, request);
            return ResponseEntity.created(URI.create("/api/v1/sync/calendars/" + source.getId()))
                    .body(CalendarSourceView.of(source));
        });
    }

    @GetMapping
    @Operation(summary = "Your connected calendars", description = "Oldest first, each with its last sync.")
    List<CalendarSourceView> list(IdentityAssertion caller) {
        return sources.mine(caller.memberId()).stream()
                .map(CalendarSourceView::of)
                .toList();
    }

    @GetMapping("/{id}")
    @Operation(
            summary = "A connected calendar",
            description = "Its status (pending, ok, error with a code and message), its last sync and last success,"
                    + " and counts of meetings with contacts, interactions logged and removed, and meetings ahead.")
    CalendarSourceView get(IdentityAssertion caller, @PathVariable String id) {
        return CalendarSourceView.of(sources.get(caller, id));
    }

    @PatchMapping("/{id}")
    @Operation(
            summary = "Pause, resume or rename a calendar, or turn its summaries off",
            description = "paused: true stops fetching it (what it captured stays), false resumes it at the next sweep;"
                    + " summaries applies to the interactions logged from now on.")
    CalendarSourceView change(
            IdentityAssertion caller, @PathVariable String id, @Valid @RequestBody CalendarChange change) {
        return CalendarSourceView.of(sources.change(caller, id, change));
    }

    @DeleteMapping("/{id}")
    @Operation(
            summary = "Remove a calendar",
            description = "It is not fetched again and the prepare reminders of its meetings ahead are withdrawn."
                    + " The interactions it logged stay unless removeCaptured=true.")
    ResponseEntity<Void> remove(
            IdentityAssertion caller,
            @PathVariable String id,
            @Parameter(description = "Also remove the interactions this calendar logged")
                    @RequestParam(defaultValue = "false")
                    boolean removeCaptured) {
        sources.remove(caller, id, removeCaptured);
        return ResponseEntity.noContent().build();
    }
}

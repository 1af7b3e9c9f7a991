package dev.rapport.reminders.calendar;

import dev.rapport.contracts.identity.IdentityAssertion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The member's calendar: read with their credentials, and the secret feed URL that calendar apps subscribe to. */
@RestController
@Tag(name = "Calendar", description = "Reminders as an iCalendar feed")
class CalendarController {

    private final CalendarService calendars;

    CalendarController(CalendarService calendars) {
        this.calendars = calendars;
    }

    @GetMapping(value = "/api/v1/calendar.ics", produces = CalendarFeeds.TEXT_CALENDAR)
    @Operation(
            summary = "The member's reminders as iCalendar (with the member's credentials)",
            description = "All-day VEVENTs with a display VALARM and stable UIDs. Calendar apps, which cannot send"
                    + " headers, subscribe to the secret feed URL instead (POST /api/v1/calendar/feed).",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = CalendarFeeds.TEXT_CALENDAR)))
    ResponseEntity<String> calendar(IdentityAssertion caller) {
        return CalendarFeeds.ics(calendars.calendarOf(caller.memberId()));
    }

    @PostMapping("/api/v1/calendar/feed")
    @Operation(
            summary = "Create the secret feed URL, or rotate it",
            description = "Returns the URL once; a new call replaces the token and the previous URL stops working.")
    @ResponseStatus(HttpStatus.CREATED)
    CalendarFeedView createOrRotate(IdentityAssertion caller) {
        return calendars.createOrRotate(caller);
    }

    @GetMapping("/api/v1/calendar/feed")
    @Operation(summary = "Whether the member has a feed (its URL is never shown again)")
    CalendarFeedView status(IdentityAssertion caller) {
        return calendars.status(caller);
    }

    @DeleteMapping("/api/v1/calendar/feed")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke the feed: its URL answers 404 from now on")
    void revoke(IdentityAssertion caller) {
        calendars.revoke(caller);
    }
}

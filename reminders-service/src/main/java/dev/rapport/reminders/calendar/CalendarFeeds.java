package dev.rapport.reminders.calendar;

import dev.rapport.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The secret calendar feed, for calendar apps that cannot send headers: the unguessable token in the URL
 * is the credential. It is served outside {@code /api/} because every {@code /api/} request needs the
 * gateway's signed identity; the gateway exposes it publicly as {@code GET /api/v1/calendar/{token}.ics}
 * and rewrites it to this path.
 */
@RestController
@Tag(name = "Calendar")
class CalendarFeeds {

    static final String TEXT_CALENDAR = "text/calendar";
    static final String INTERNAL_PATH = "/feeds/calendar/{token}.ics";

    private final CalendarService calendars;

    CalendarFeeds(CalendarService calendars) {
        this.calendars = calendars;
    }

    @GetMapping(value = INTERNAL_PATH, produces = TEXT_CALENDAR)
    @Operation(
            summary = "The secret calendar feed (public at the gateway as GET /api/v1/calendar/{token}.ics)",
            description = "No credentials: the token is the secret. An unknown or revoked token answers 404.",
            responses = {
                @ApiResponse(responseCode = "200", content = @Content(mediaType = TEXT_CALENDAR)),
                @ApiResponse(responseCode = "404", description = "No live feed has this token")
            })
    ResponseEntity<String> feed(@PathVariable String token) {
        return calendars
                .calendarForToken(token)
                .map(CalendarFeeds::ics)
                .orElseThrow(() -> new ApiException(
                        HttpStatus.NOT_FOUND, "Not found", "no live calendar feed has this URL", Map.of()));
    }

    static ResponseEntity<String> ics(String calendar) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"rapport-reminders.ics\"")
                // Private: the URL is a secret, so shared caches must not keep it.
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePrivate())
                .body(calendar);
    }
}

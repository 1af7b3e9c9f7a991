package dev.rapport.contacts.capture;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A connected calendar as the API shows it: never its address, only its host. */
public record CalendarSourceView(
        String id,
        String name,

        @Schema(description = "The host of the calendar's address (the address itself is a secret and never shown)")
        String host,

        @Schema(
                description = "ical (an iCalendar address) or caldav (a CalDAV collection with credentials, which are"
                        + " never shown)",
                allowableValues = {"ical", "caldav"})
        String kind,

        @Schema(description = "Whether meetings' titles are kept as the interactions' summaries")
        boolean summaries,

        boolean paused,

        @Schema(description = "pending (not synced yet), ok or error")
        String status,

        Error error,
        Instant createdAt,
        Instant lastSyncAt,
        Instant lastSuccessAt,
        Instant nextSyncAt,
        Counts counts) {

    /** Why the last sync failed: a stable code and a message. */
    public record Error(String code, String message) {}

    /**
     * @param meetings meetings with your contacts in the window of the last complete sync
     * @param interactionsLogged meeting interactions this calendar logged so far
     * @param interactionsRemoved interactions removed because their meeting moved or was cancelled
     * @param upcoming meetings ahead with your contacts, announced for a prepare reminder
     */
    public record Counts(int meetings, long interactionsLogged, long interactionsRemoved, int upcoming) {}

    static CalendarSourceView of(CalendarSourceDocument s) {
        return new CalendarSourceView(
                s.getId(),
                s.name,
                s.host,
                s.caldav() ? CalendarSourceDocument.CALDAV : CalendarSourceDocument.ICAL,
                s.summaries,
                s.paused,
                s.status,
                s.errorCode == null ? null : new Error(s.errorCode, s.errorMessage),
                s.createdAt,
                s.lastSyncAt,
                s.lastSuccessAt,
                s.nextSyncAt,
                new Counts(s.meetingsSeen, s.interactionsLogged, s.interactionsRemoved, s.upcoming.size()));
    }
}

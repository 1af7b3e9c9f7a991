package dev.rapport.contacts.capture;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A calendar to connect. */
public record CalendarRequest(
        @Schema(
                description = "The calendar's iCalendar address: Google Calendar's \"secret address in iCal format\","
                        + " Outlook's published ICS link, iCloud's public calendar link (webcal:// is read as https://);"
                        + " with a username and password, the URL of a CalDAV calendar collection (Nextcloud, Fastmail,"
                        + " Radicale, iCloud …). It is a secret: it is stored encrypted and never shown again.")
        @NotBlank
        @Size(max = 2000)
        String url,

        @Schema(description = "A name to tell your calendars apart (default: the address's host)") @Size(max = 100)
        String name,

        @Schema(description = "Keep meetings' titles as the interactions' summaries (default true)")
        Boolean summaries,

        @Schema(description = "For a CalDAV collection: the username (with password; stored encrypted, never shown)")
        @Size(max = 200)
        String username,

        @Schema(
                description = "For a CalDAV collection: the password, preferably an app password (stored encrypted,"
                        + " never shown, never logged)",
                accessMode = Schema.AccessMode.WRITE_ONLY,
                format = "password")
        @Size(max = 500)
        String password) {

    /** Whether this is a CalDAV collection with credentials rather than an iCalendar address. */
    boolean caldav() {
        return username != null || password != null;
    }

    @Override
    public String toString() {
        return "CalendarRequest[url=<secret>, name=" + name + ", summaries=" + summaries
                + (caldav() ? ", username=<secret>, password=<secret>" : "") + "]";
    }
}

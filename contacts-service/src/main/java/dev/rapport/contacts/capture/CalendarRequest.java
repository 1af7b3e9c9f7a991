package dev.rapport.contacts.capture;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A calendar to connect. */
public record CalendarRequest(
        @Schema(
                description = "The calendar's iCalendar address: Google Calendar's \"secret address in iCal format\","
                        + " Outlook's published ICS link, iCloud's public calendar link (webcal:// is read as https://)."
                        + " It is a secret: it is stored encrypted and never shown again.")
        @NotBlank
        @Size(max = 2000)
        String url,

        @Schema(description = "A name to tell your calendars apart (default: the address's host)") @Size(max = 100)
        String name,

        @Schema(description = "Keep meetings' titles as the interactions' summaries (default true)")
        Boolean summaries) {

    @Override
    public String toString() {
        return "CalendarRequest[url=<secret>, name=" + name + ", summaries=" + summaries + "]";
    }
}

package dev.rapport.contacts.contacts;

import dev.rapport.contacts.domain.KeepInTouch;
import dev.rapport.contacts.domain.Tier;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A contact as the API shows it, with where its keep-in-touch clock stands. */
public record ContactView(
        String id,
        String displayName,
        String firstName,
        String lastName,
        List<String> emails,
        List<String> phones,
        String company,
        String title,
        String location,
        List<String> profileUrls,
        String howWeMet,
        List<String> interests,
        String notes,
        List<String> tags,
        LocalDate birthday,
        LocalDate connectedOn,
        String source,
        List<String> goalIds,
        Tier tier,

        @Schema(description = "The cadence in force, in days: the contact's own or the member's default for its tier")
        int cadenceDays,

        @Schema(description = "Whether cadenceDays is the contact's own (true) or its tier's default (false)")
        boolean customCadence,

        Instant lastInteractionAt,
        Instant nextTouchDueAt,

        @Schema(description = "stale (overdue), due-soon (within 7 days) or ok")
        String status,

        @Schema(description = "Whether a staleness episode is running (ContactGoneStale was published)")
        boolean stale,

        Instant staleSince,
        boolean archived,

        @Schema(description = "The alumni-directory profile the contact is linked to, if any")
        String directoryProfileId,

        Instant createdAt,
        Instant updatedAt) {

    /** The view of a stored contact at {@code now}. */
    public static ContactView of(ContactDocument c, Instant now) {
        return new ContactView(
                c.getId(),
                c.displayName(),
                c.firstName,
                c.lastName,
                c.emails,
                c.phones,
                c.company,
                c.title,
                c.location,
                c.profileUrls,
                c.howWeMet,
                c.interests,
                c.notes,
                c.tags,
                c.birthday,
                c.connectedOn,
                c.source,
                c.goalIds,
                c.tier,
                c.effectiveCadenceDays(),
                c.cadenceDays != null,
                c.lastInteractionAt,
                c.nextTouchDueAt,
                KeepInTouch.status(c.nextTouchDueAt, now).id(),
                c.stale,
                c.staleSince,
                c.archived,
                c.directory == null ? null : c.directory.profileId(),
                c.createdAt,
                c.updatedAt);
    }
}

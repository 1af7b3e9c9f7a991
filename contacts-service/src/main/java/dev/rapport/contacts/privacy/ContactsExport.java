package dev.rapport.contacts.privacy;

import dev.rapport.contacts.domain.Cadences;
import dev.rapport.contacts.domain.Tier;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Everything contacts-service holds of a member, as {@code GET /api/v1/me/export} gives it. */
public record ContactsExport(
        String memberId,
        Instant exportedAt,

        @Schema(description = "The member's cadence per tier, in days; null when they kept the defaults")
        Cadences cadences,

        @Schema(description = "Every contact, archived ones included, with its milestones")
        List<Contact> contacts,

        List<Interaction> interactions,
        List<Goal> goals,
        List<Group> groups,

        @Schema(description = "Contacts suggested for each of the member's published items")
        List<ShareSuggestion> shareSuggestions,

        List<ErasureRequestView> erasureRequests,

        @Schema(description = "Connected calendars: never their address (a secret), only its host")
        List<Calendar> calendars,

        @Schema(description = "Connected mailboxes: never their password (a secret), only where they are")
        List<Mailbox> mailboxes) {

    /** A connected mailbox, without its password. */
    public record Mailbox(
            String id,
            String name,
            String host,
            int port,
            String username,
            boolean summaries,
            boolean paused,
            String status,
            Instant createdAt,
            Instant lastSyncAt,
            long messagesRead,
            long interactionsLogged) {}

    /** A connected calendar, without its address. */
    public record Calendar(
            String id,
            String name,
            String host,

            @Schema(description = "ical or caldav (null: ical); never the address nor the credentials")
            String kind,

            boolean summaries,
            boolean paused,
            String status,
            Instant createdAt,
            Instant lastSyncAt,
            long interactionsLogged,
            long interactionsRemoved) {}

    /** A contact with its keep-in-touch settings, milestones and directory link. */
    public record Contact(
            String id,
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

            @Schema(description = "The contact's own cadence in days; null when its tier's applies")
            Integer cadenceDays,

            Instant lastInteractionAt,
            String lastInteractionSummary,
            Boolean archived,
            List<Milestone> milestones,

            @Schema(description = "The alumni-directory profile it is linked to, as last synced")
            DirectoryLink directory,

            Instant createdAt,
            Instant updatedAt) {}

    /** Something worth congratulating that happened to a contact. */
    public record Milestone(
            String milestoneId, String kind, String title, LocalDate date, String note, Instant recordedAt) {}

    /** A contact's link to the alumni directory. */
    public record DirectoryLink(String profileId, String employer, String title, Instant syncedAt) {}

    /** An interaction with its promises. */
    public record Interaction(
            String id,
            List<String> contactIds,
            String type,
            String direction,
            Instant occurredAt,
            String summary,
            List<Promise> promises,
            Instant loggedAt) {}

    /** A promise: {@code owedBy} is {@code me} or {@code them}. */
    public record Promise(String id, String owedBy, String what, LocalDate dueOn, Boolean done) {}

    /** A goal. */
    public record Goal(
            String id,
            String title,
            String description,
            LocalDate targetDate,
            List<String> topics,
            String status,
            Instant createdAt,
            Instant updatedAt) {}

    /** A group with every participation logged. */
    public record Group(
            String id,
            String name,
            String kind,
            String url,
            String notes,
            Integer cadenceDays,
            List<String> goalIds,
            List<Participation> participations,
            Instant lastParticipationAt,
            Instant createdAt,
            Instant updatedAt) {}

    /** One participation in a group. */
    public record Participation(String participationId, String kind, Instant occurredAt, String note) {}

    /** The contacts suggested for one published content item. */
    public record ShareSuggestion(String itemId, List<String> contactIds, Instant createdAt) {}
}

package dev.rapport.reminders.reminders;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rapport.reminders.reminders.domain.OpenerTexts;
import dev.rapport.reminders.reminders.domain.ReminderTexts;
import dev.rapport.reminders.settings.domain.MemberPreferences;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A reminder as the API shows it, written in the member's language, with the context to act on it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReminderView(
        String id,

        @Schema(
                description = "What to do",
                allowableValues = {
                    "follow-up",
                    "reach-out",
                    "congratulate",
                    "participate",
                    "write",
                    "share",
                    "answer-comments",
                    "routine",
                    "manual"
                })
        String kind,

        @Schema(allowableValues = {"open", "snoozed", "done", "dismissed"})
        String status,

        String title,
        @Schema(description = "Why now") String why,
        String detail,
        String contactId,
        String contactName,
        LocalDate dueOn,
        LocalDate snoozedUntil,

        @Schema(description = "A link the reminder is about (the content to share or answer on)")
        String url,

        String routineId,
        Context context,

        @Schema(description = "A suggested first message, for reach-outs and shares")
        OpenerView opener,

        Instant createdAt,
        Instant closedAt) {

    /** What was known of the person when the reminder was made. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Context(
            String tier,
            Instant lastInteractionAt,
            String lastInteractionSummary,

            @Schema(description = "Promises still open with this person")
            List<String> openPromises,

            List<String> interests,

            @Schema(description = "Their interests that the member's own content is about")
            List<String> sharedInterests,

            Milestone recentMilestone) {}

    /** A recent milestone of the person. */
    public record Milestone(String title, String category, LocalDate date) {}

    /** The opener's style and its text in the member's language. */
    public record OpenerView(
            @Schema(allowableValues = {"greeting", "share", "question", "shared-experience"})
            String style,

            String text) {}

    /** The view of a stored reminder for a member, seen at {@code now}. */
    public static ReminderView of(ReminderDocument r, MemberPreferences member, Instant now) {
        var subject = r.subject();
        Context context = new Context(
                r.tier,
                r.lastInteractionAt,
                r.lastInteractionSummary,
                r.openPromises == null
                        ? null
                        : r.openPromises.stream()
                                .map(p -> ReminderTexts.promise(member.locale(), p))
                                .toList(),
                r.interests,
                r.sharedInterests,
                r.milestoneTitle == null
                        ? null
                        : new Milestone(r.milestoneTitle, r.milestoneCategory, r.milestoneDate));
        boolean emptyContext = r.tier == null
                && r.lastInteractionAt == null
                && r.lastInteractionSummary == null
                && empty(r.openPromises)
                && empty(r.interests)
                && empty(r.sharedInterests)
                && r.milestoneTitle == null;
        return new ReminderView(
                r.getId(),
                r.kind().id(),
                r.status == null ? null : r.status.id(),
                ReminderTexts.title(member.locale(), subject),
                ReminderTexts.why(
                        member.locale(),
                        subject,
                        r.dueOn,
                        member.today(now),
                        member.dayOf(r.lastInteractionAt),
                        r.tier,
                        r.cadenceDays,
                        r.sharedInterests),
                r.detail,
                r.contactId,
                r.contactName,
                r.dueOn,
                r.snoozedUntil,
                r.url,
                r.routineId,
                emptyContext ? null : context,
                r.opener == null
                        ? null
                        : new OpenerView(
                                r.opener.style(), OpenerTexts.render(member.locale(), r.opener, r.contactName)),
                r.createdAt,
                r.closedAt);
    }

    private static boolean empty(List<?> list) {
        return list == null || list.isEmpty();
    }
}

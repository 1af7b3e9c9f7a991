package dev.rapport.reminders.reminders;

import dev.rapport.contracts.events.ClosedBy;
import dev.rapport.contracts.events.ReminderCompleted;
import dev.rapport.contracts.events.ReminderDismissed;
import dev.rapport.contracts.events.ReminderReopened;
import dev.rapport.contracts.events.ReopenedBy;
import dev.rapport.reminders.reminders.domain.Opener;
import dev.rapport.reminders.reminders.domain.PromiseNote;
import dev.rapport.reminders.reminders.domain.ReminderKind;
import dev.rapport.reminders.reminders.domain.ReminderStatus;
import dev.rapport.reminders.reminders.domain.ReminderSubject;
import dev.rapport.support.events.OutboxDocument;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A reminder of one member, as stored: what it is about (texts are written when read, in the member's
 * language), its lifecycle, and the context snapshot taken when it was created.
 */
@Document("reminders")
public class ReminderDocument extends OutboxDocument {

    /** Stored as its wire name ({@link ReminderStorage}); null when the stored name is unknown to this build. */
    ReminderKind kind;
    /** Stored as its wire name ({@link ReminderStorage}). */
    ReminderStatus status;
    /** The member's own title (manual and routine reminders); other kinds are titled from their subject. */
    String title;

    String detail;
    String contactId;
    String contactName;
    String tier;
    Integer cadenceDays;
    LocalDate dueOn;
    LocalDate snoozedUntil;
    /** When a snoozed reminder opens again: the start of {@code snoozedUntil} in the member's zone. */
    Instant wakeAt;

    String sourceEventId;
    String routineId;
    /** The staleness episode a reach-out belongs to: only the end of that episode (or a later one) closes it. */
    Integer episode;
    /** The revision of the promise behind a follow-up last applied (0: as logged), so an older change is ignored. */
    Integer promiseRevision;

    Instant createdAt;
    Instant closedAt;
    /** Who closed it: member, interaction, promise-kept, reengaged, contact-archived. */
    String closedBy;

    // What the reminder is about, per kind (see ReminderSubject).
    String what;
    String owedBy;
    String category;
    Integer target;
    Integer published;
    String url;

    // Context to act on, as known when the reminder was created.
    Instant lastInteractionAt;
    String lastInteractionSummary;
    List<PromiseNote> openPromises;
    List<String> interests;
    List<String> sharedInterests;
    String milestoneTitle;
    String milestoneCategory;
    LocalDate milestoneDate;
    Opener opener;

    protected ReminderDocument() {}

    ReminderDocument(String id, ReminderKind kind, String memberId, String tenantId, Instant createdAt) {
        this.id = id;
        this.kind = kind;
        this.memberId = memberId;
        this.tenantId = tenantId;
        this.createdAt = createdAt;
        this.status = ReminderStatus.OPEN;
    }

    ReminderKind kind() {
        return kind != null ? kind : ReminderKind.MANUAL;
    }

    ReminderSubject subject() {
        if (kind() == ReminderKind.MANUAL || kind() == ReminderKind.ROUTINE) {
            return ReminderSubject.of(kind(), contactName, title);
        }
        return new ReminderSubject(kind(), contactName, what, owedBy, category, target, published);
    }

    /** The day the reminder is for: the snooze's end while snoozed, else its due date. */
    public LocalDate effectiveDay() {
        return status == ReminderStatus.SNOOZED && snoozedUntil != null ? snoozedUntil : dueOn;
    }

    /** Whether the contact's last milestone (in the reminder's context) is at most 90 days before {@code today}. */
    boolean milestoneWithin90Days(LocalDate today) {
        return milestoneDate != null && !milestoneDate.isBefore(today.minusDays(90));
    }

    /** The reminder's status. */
    ReminderStatus currentStatus() {
        return Optional.ofNullable(status).orElseThrow();
    }

    /** The reminder's kind as the events carry it (the same names as {@link ReminderKind}'s). */
    dev.rapport.contracts.events.ReminderKind wireKind() {
        return dev.rapport.contracts.events.ReminderKind.of(kind == null ? null : kind.id());
    }

    /** Closes it as {@code status} (done or dismissed) by {@code closedBy}, recording its completed or dismissed event. */
    void close(ReminderStatus status, ClosedBy closedBy, Instant now) {
        this.status = status;
        closedAt = now;
        this.closedBy = closedBy.wire();
        snoozedUntil = null;
        wakeAt = null;
        record(h -> status == ReminderStatus.DONE
                ? new ReminderCompleted(h, getId(), wireKind(), contactId, closedBy)
                : new ReminderDismissed(h, getId(), wireKind(), contactId, closedBy));
    }

    /**
     * The member (or {@code by}) did it: closed as done with {@code ReminderCompleted}, as its status allows.
     *
     * @return whether it changed (completing a done reminder changes nothing)
     * @throws ReminderStatus.TransitionRefused when its status does not allow it
     */
    boolean complete(ClosedBy by, Instant now) {
        Optional<ReminderStatus> next = currentStatus().complete();
        next.ifPresent(status -> close(status, by, now));
        return next.isPresent();
    }

    /** Like {@link #complete}, dismissed with {@code ReminderDismissed}. */
    boolean dismiss(ClosedBy by, Instant now) {
        Optional<ReminderStatus> next = currentStatus().dismiss();
        next.ifPresent(status -> close(status, by, now));
        return next.isPresent();
    }

    /**
     * Snoozes it until the start of {@code until} in the member's {@code zone}.
     *
     * @throws IllegalArgumentException when {@code until} is not after {@code today}
     * @throws ReminderStatus.TransitionRefused when its status does not allow it
     */
    void snooze(LocalDate until, LocalDate today, ZoneId zone) {
        currentStatus().checkSnooze(until, today);
        status = ReminderStatus.SNOOZED;
        snoozedUntil = until;
        wakeAt = until.atStartOfDay(zone).toInstant();
    }

    /** Opens it again, recording {@code ReminderReopened}. */
    void reopen(ReopenedBy by) {
        status = ReminderStatus.OPEN;
        closedAt = null;
        closedBy = null;
        record(h -> new ReminderReopened(h, getId(), wireKind(), contactId, by));
    }
}

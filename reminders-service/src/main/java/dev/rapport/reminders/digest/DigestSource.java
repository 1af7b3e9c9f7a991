package dev.rapport.reminders.digest;

import dev.rapport.reminders.digest.domain.DigestPlan;
import dev.rapport.reminders.digest.domain.DigestPlanner;
import dev.rapport.reminders.reminders.ContactContexts;
import dev.rapport.reminders.reminders.ReminderDocument;
import dev.rapport.reminders.reminders.ReminderQueries;
import dev.rapport.reminders.reminders.ReminderView;
import dev.rapport.reminders.reminders.domain.DigestCandidate;
import dev.rapport.reminders.settings.domain.MemberPreferences;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Gathers a member's open reminders due by today (as small candidates) and last touches, lets the {@link
 * DigestPlanner} choose, and reads only the chosen few whole.
 */
@Component
public class DigestSource {

    private final ReminderQueries reminders;
    private final ContactContexts contacts;

    DigestSource(ReminderQueries reminders, ContactContexts contacts) {
        this.reminders = reminders;
        this.contacts = contacts;
    }

    /** The chosen reminders of a member's day, as views, with what was left out. */
    public record Chosen(LocalDate date, List<ReminderView> items, int heldBack, int resting) {}

    /** The digest of {@code memberId} for their day at {@code now}. */
    public Chosen digest(String memberId, MemberPreferences member, Instant now) {
        LocalDate today = member.today(now);
        List<DigestCandidate> candidates;
        try (Stream<DigestCandidate> due = reminders.openDueBy(memberId, today)) {
            candidates = due.toList();
        }
        Map<String, LocalDate> touches = new HashMap<>();
        contacts.lastTouches(
                        memberId,
                        candidates.stream()
                                .map(DigestCandidate::contactId)
                                .filter(Objects::nonNull)
                                .collect(Collectors.toSet()))
                .forEach((contactId, at) -> touches.put(contactId, member.dayOf(at)));
        DigestPlan plan = DigestPlanner.plan(today, member.dailyCap(), member.minGapDays(), candidates, touches);
        // Only the few chosen are read whole, by id, to be shown.
        Map<String, ReminderDocument> chosen =
                reminders
                        .ofMember(
                                memberId,
                                plan.items().stream().map(DigestCandidate::id).toList())
                        .stream()
                        .collect(Collectors.toMap(ReminderDocument::getId, Function.identity()));
        List<ReminderView> items = plan.items().stream()
                .filter(c -> chosen.containsKey(c.id()))
                .map(c -> ReminderView.of(chosen.get(c.id()), member, now))
                .toList();
        return new Chosen(today, items, plan.heldBackByCap(), plan.restingContacts());
    }
}

package dev.rapport.reminders.reminders;

import dev.rapport.reminders.reminders.domain.OpenerSuggester;
import java.util.List;
import org.springframework.stereotype.Component;

/** The context a reminder about a contact shows: what is known of them, open promises, shared interests. */
@Component
class ReminderContext {

    private final ContactContexts contacts;
    private final ReminderQueries queries;

    ReminderContext(ContactContexts contacts, ReminderQueries queries) {
        this.contacts = contacts;
        this.queries = queries;
    }

    /** Copies what is known of the contact into the reminder's context. */
    void fill(ReminderDocument reminder, String memberId, String contactId) {
        if (contactId == null) {
            return;
        }
        fill(reminder, memberId, contacts.of(memberId, contactId));
    }

    /** Copies {@code known} (what is known of the reminder's contact, read just before) into its context. */
    void fill(ReminderDocument reminder, String memberId, ContactContextDocument known) {
        String contactId = known.contactId;
        reminder.tier = known.tier;
        reminder.interests = known.interests;
        reminder.lastInteractionAt =
                reminder.lastInteractionAt != null ? reminder.lastInteractionAt : known.lastInteractionAt;
        reminder.lastInteractionSummary = reminder.lastInteractionSummary != null
                ? reminder.lastInteractionSummary
                : known.lastInteractionSummary;
        reminder.milestoneTitle = known.milestoneTitle;
        reminder.milestoneCategory = known.milestoneCategory;
        reminder.milestoneDate = known.milestoneDate;
        List<dev.rapport.reminders.reminders.domain.PromiseNote> promises = queries.openPromises(memberId, contactId);
        reminder.openPromises = promises.isEmpty() ? null : promises;
        if (known.interests == null || known.interests.isEmpty()) {
            return; // nothing to share: the member's latest content is not read
        }
        MemberContentDocument content = contacts.latestContent(memberId);
        if (content != null && content.topics != null) {
            List<String> topics =
                    content.topics.stream().map(OpenerSuggester::normalize).toList();
            List<String> shared = known.interests.stream()
                    .filter(i -> topics.contains(OpenerSuggester.normalize(i)))
                    .toList();
            reminder.sharedInterests = shared.isEmpty() ? null : shared;
        }
    }
}

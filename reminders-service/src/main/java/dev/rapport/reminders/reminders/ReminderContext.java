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
        ContactContextDocument known = contacts.of(memberId, contactId);
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
        MemberContentDocument content = contacts.latestContent(memberId);
        if (content != null && known.interests != null && content.topics != null) {
            List<String> topics =
                    content.topics.stream().map(OpenerSuggester::normalize).toList();
            List<String> shared = known.interests.stream()
                    .filter(i -> topics.contains(OpenerSuggester.normalize(i)))
                    .toList();
            reminder.sharedInterests = shared.isEmpty() ? null : shared;
        }
    }
}

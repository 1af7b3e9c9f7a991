package dev.rapport.reminders.reminders;

import java.time.LocalDate;

/**
 * What the reminders' reactions to contact events ask of a contact's yearly routines (a birthday). The
 * routines live in {@code routines/}, above this package (they create their reminders through {@link
 * ReminderService}); they implement this, so that the arrow points one way.
 */
public interface ContactRoutines {

    /** The contact's birthday routine: there, on the contact's birthday. */
    void birthday(String memberId, String tenantId, String contactId, String contactName, LocalDate birthday);

    /** The contact's birthday routine is gone (the birthday was cleared or the contact archived). */
    void noBirthday(String memberId, String contactId);

    /** An archived contact's yearly milestones are not celebrated any more. */
    void contactArchived(String memberId, String contactId);
}

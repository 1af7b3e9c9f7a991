package dev.rapport.contracts.events;

import java.time.Instant;
import java.time.LocalDate;

/** Something worth congratulating happened to a contact; birthdays recur every year. */
public record MilestoneRecorded(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String milestoneId,
        String contactId,
        String displayName,
        String kind,
        String title,
        LocalDate date,
        boolean recurringYearly)
        implements ContactsEvent {

    @Override
    public String subject() {
        return contactId;
    }
}

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

    /** This event with the header the write path stamps. */
    public MilestoneRecorded(
            EventHeader header,
            String milestoneId,
            String contactId,
            String displayName,
            String kind,
            String title,
            LocalDate date,
            boolean recurringYearly) {
        this(
                header.eventId(),
                header.occurredAt(),
                header.memberId(),
                header.tenantId(),
                milestoneId,
                contactId,
                displayName,
                kind,
                title,
                date,
                recurringYearly);
    }

    @Override
    public String subject() {
        return contactId;
    }
}

package dev.rapport.contracts.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Something worth congratulating happened to a contact; birthdays recur every year. For a birthday,
 * {@code date} is the occurrence announced and {@code birthday} the contact's birthday itself (year 1604 when
 * the year is not known), so that 29 February stays 29 February in leap years.
 */
public record MilestoneRecorded(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String milestoneId,
        String contactId,
        String displayName,
        MilestoneKind kind,
        String title,
        LocalDate date,
        boolean recurringYearly,
        LocalDate birthday)
        implements ContactsEvent {

    /** This event with the header the write path stamps. */
    public MilestoneRecorded(
            EventHeader header,
            String milestoneId,
            String contactId,
            String displayName,
            MilestoneKind kind,
            String title,
            LocalDate date,
            boolean recurringYearly,
            LocalDate birthday) {
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
                recurringYearly,
                birthday);
    }

    @Override
    public String subject() {
        return contactId;
    }
}

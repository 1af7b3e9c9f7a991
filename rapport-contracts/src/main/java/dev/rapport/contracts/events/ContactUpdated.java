package dev.rapport.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A contact's details changed; {@code changedFields} names what changed. {@code birthday} is the contact's
 * birthday after the change (null when none; year 1604 when the year is not known).
 */
public record ContactUpdated(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String contactId,
        String displayName,
        ContactTier tier,
        List<String> tags,
        List<String> interests,
        List<String> changedFields,
        LocalDate birthday)
        implements ContactsEvent {

    /** This event with the header the write path stamps. */
    public ContactUpdated(
            EventHeader header,
            String contactId,
            String displayName,
            ContactTier tier,
            List<String> tags,
            List<String> interests,
            List<String> changedFields,
            LocalDate birthday) {
        this(
                header.eventId(),
                header.occurredAt(),
                header.memberId(),
                header.tenantId(),
                contactId,
                displayName,
                tier,
                tags,
                interests,
                changedFields,
                birthday);
    }

    @Override
    public String subject() {
        return contactId;
    }
}

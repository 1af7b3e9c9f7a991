package dev.rapport.contracts.events;

import java.time.Instant;
import java.util.List;

/** A contact's details changed; {@code changedFields} names what changed. */
public record ContactUpdated(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String contactId,
        String displayName,
        String tier,
        List<String> tags,
        List<String> interests,
        List<String> changedFields)
        implements ContactsEvent {

    /** This event with the header the write path stamps. */
    public ContactUpdated(
            EventHeader header,
            String contactId,
            String displayName,
            String tier,
            List<String> tags,
            List<String> interests,
            List<String> changedFields) {
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
                changedFields);
    }

    @Override
    public String subject() {
        return contactId;
    }
}

package dev.rapport.contacts.contacts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A contact as the API shows it. */
public record ContactView(
        String id,
        String displayName,
        String firstName,
        String lastName,
        List<String> emails,
        List<String> phones,
        String company,
        String title,
        String location,
        List<String> profileUrls,
        String howWeMet,
        List<String> interests,
        String notes,
        List<String> tags,
        LocalDate birthday,
        String source,
        Tier tier,
        int cadenceDays,
        Instant lastInteractionAt,
        Instant nextTouchDueAt,
        boolean archived,
        Instant createdAt,
        Instant updatedAt) {

    static ContactView of(ContactDocument c) {
        return new ContactView(
                c.getId(),
                c.displayName(),
                c.firstName,
                c.lastName,
                c.emails,
                c.phones,
                c.company,
                c.title,
                c.location,
                c.profileUrls,
                c.howWeMet,
                c.interests,
                c.notes,
                c.tags,
                c.birthday,
                c.source,
                c.tier,
                c.effectiveCadenceDays(),
                c.lastInteractionAt,
                c.nextTouchDueAt,
                c.archived,
                c.createdAt,
                c.updatedAt);
    }
}

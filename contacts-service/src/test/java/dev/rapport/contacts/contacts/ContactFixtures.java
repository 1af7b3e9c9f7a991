package dev.rapport.contacts.contacts;

import dev.rapport.contacts.domain.Tier;
import java.time.Duration;
import java.time.Instant;

/** Contacts as the aggregate's own tests need them: made 60 days before {@code now}, a regular tier. */
final class ContactFixtures {

    private ContactFixtures() {}

    static ContactDocument contact(Instant now) {
        ContactDocument contact = new ContactDocument("c-1", "member-1", "tenant-1", now.minus(Duration.ofDays(60)));
        contact.firstName = "Ada";
        contact.tier = Tier.REGULAR;
        return contact;
    }
}

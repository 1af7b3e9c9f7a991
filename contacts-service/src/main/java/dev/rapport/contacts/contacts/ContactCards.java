package dev.rapport.contacts.contacts;

import dev.rapport.contacts.domain.ContactCard;
import dev.rapport.contacts.domain.Tier;
import java.util.List;

/** Converts between stored contacts, contact requests and the {@link ContactCard}s of imports and exports. */
public final class ContactCards {

    private ContactCards() {}

    /** The card of a stored contact. */
    public static ContactCard of(ContactDocument c) {
        return new ContactCard(
                c.firstName,
                c.lastName,
                c.emails,
                c.phones,
                c.company,
                c.title,
                c.location,
                c.profileUrls,
                c.notes,
                c.tags,
                c.birthday,
                c.connectedOn);
    }

    /** The card of a contact request. */
    public static ContactCard of(ContactRequest r) {
        return new ContactCard(
                r.firstName(),
                r.lastName(),
                r.emails(),
                r.phones(),
                r.company(),
                r.title(),
                r.location(),
                r.profileUrls(),
                r.notes(),
                r.tags(),
                r.birthday(),
                r.connectedOn());
    }

    /** A request for a new contact made of a card. */
    public static ContactRequest newContact(ContactCard card, String source, Tier tier) {
        return new ContactRequest(
                card.firstName(),
                card.lastName(),
                card.emails(),
                card.phones(),
                card.company(),
                card.title(),
                card.location(),
                card.profileUrls(),
                null,
                List.of(),
                card.notes(),
                card.tags(),
                card.birthday(),
                card.connectedOn(),
                source,
                tier,
                null,
                List.of());
    }

    /** {@code base} with the card's fields, everything a card does not carry kept as it is. */
    public static ContactRequest withCard(ContactRequest base, ContactCard card) {
        return new ContactRequest(
                card.firstName(),
                card.lastName(),
                card.emails(),
                card.phones(),
                card.company(),
                card.title(),
                card.location(),
                card.profileUrls(),
                base.howWeMet(),
                base.interests(),
                card.notes(),
                card.tags(),
                card.birthday(),
                card.connectedOn(),
                base.source(),
                base.tier(),
                base.cadenceDays(),
                base.goalIds());
    }
}

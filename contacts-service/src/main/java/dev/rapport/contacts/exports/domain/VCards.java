package dev.rapport.contacts.exports.domain;

import dev.rapport.contacts.domain.Birthdays;
import dev.rapport.contacts.domain.ContactCard;
import dev.rapport.contacts.imports.domain.VCardFileReader;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.io.text.VCardWriter;
import ezvcard.parameter.EmailType;
import ezvcard.property.Address;
import ezvcard.property.Birthday;
import ezvcard.property.Categories;
import ezvcard.property.Organization;
import ezvcard.property.ProductId;
import ezvcard.property.Revision;
import ezvcard.property.StructuredName;
import ezvcard.property.Uid;
import ezvcard.util.PartialDate;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.Function;

/**
 * Writes contacts as vCards with ez-vcard: 3.0 by default (what iOS, macOS and Android import), 4.0
 * (RFC 6350) on request. A birthday without a year is {@code --MMDD} in 4.0 and, in 3.0, Apple's
 * {@code X-APPLE-OMIT-YEAR=1604}; the connection date travels as {@code X-RAPPORT-CONNECTED-ON},
 * which Rapport's vCard import reads back.
 */
public final class VCards {

    public static final String CONNECTED_ON = VCardFileReader.CONNECTED_ON;
    private static final String PRODUCT = "-//Rapport//Contacts//EN";

    private VCards() {}

    /** The version asked for: "3.0" (also when absent) or "4.0"; an IllegalArgumentException otherwise. */
    public static VCardVersion version(String version) {
        if (version == null || version.equals("3.0") || version.equals("3")) {
            return VCardVersion.V3_0;
        }
        if (version.equals("4.0") || version.equals("4")) {
            return VCardVersion.V4_0;
        }
        throw new IllegalArgumentException("must be 3.0 or 4.0");
    }

    /** The vCard of a card, with a stable UID and the time of its last change. */
    public static VCard of(ContactCard card, String uid, Instant revision, VCardVersion version) {
        VCard vcard = new VCard();
        StructuredName name = new StructuredName();
        name.setGiven(card.firstName());
        name.setFamily(card.lastName());
        vcard.setStructuredName(name);
        vcard.setFormattedName(card.displayName());
        if (card.company() != null) {
            Organization organization = new Organization();
            organization.getValues().add(card.company());
            vcard.setOrganization(organization);
        }
        if (card.title() != null) {
            vcard.addTitle(card.title());
        }
        card.emails().forEach(email -> vcard.addEmail(email, EmailType.INTERNET));
        card.phones().forEach(phone -> vcard.addTelephoneNumber(phone));
        card.profileUrls().forEach(vcard::addUrl);
        if (card.location() != null) {
            Address address = new Address();
            address.setLocality(card.location());
            vcard.addAddress(address);
        }
        if (card.notes() != null) {
            vcard.addNote(card.notes());
        }
        if (!card.tags().isEmpty()) {
            Categories categories = new Categories();
            categories.getValues().addAll(card.tags());
            vcard.setCategories(categories);
        }
        if (card.birthday() != null) {
            vcard.setBirthday(birthday(card.birthday(), version));
        }
        if (card.connectedOn() != null) {
            vcard.addExtendedProperty(CONNECTED_ON, card.connectedOn().toString());
        }
        if (uid != null) {
            vcard.setUid(new Uid(uid));
        }
        if (revision != null) {
            vcard.setRevision(new Revision(revision));
        }
        return vcard;
    }

    private static Birthday birthday(LocalDate birthday, VCardVersion version) {
        if (birthday.getYear() != Birthdays.UNKNOWN_YEAR) {
            return new Birthday(birthday);
        }
        if (version == VCardVersion.V4_0) {
            return new Birthday(PartialDate.builder()
                    .month(birthday.getMonthValue())
                    .date(birthday.getDayOfMonth())
                    .build());
        }
        Birthday apple = new Birthday(birthday);
        apple.setParameter("X-APPLE-OMIT-YEAR", String.valueOf(Birthdays.UNKNOWN_YEAR));
        return apple;
    }

    /** Writes the cards one by one as they come, never holding them all. */
    public static <T> void write(Writer out, VCardVersion version, Iterator<T> items, Function<T, VCard> toVCard)
            throws IOException {
        VCardWriter writer = new VCardWriter(out, version);
        writer.setAddProdId(false);
        while (items.hasNext()) {
            VCard vcard = toVCard.apply(items.next());
            vcard.setProductId(new ProductId(PRODUCT));
            writer.write(vcard);
        }
        writer.flush();
    }

    /** The media type of a vCard file. */
    public static String mediaType() {
        return "text/vcard;charset=utf-8";
    }

    /** A stable UID for a contact id. */
    public static String uid(String prefix, String id) {
        return "urn:uuid:"
                + java.util
                        .UUID
                        .nameUUIDFromBytes((prefix + ":" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString()
                        .toLowerCase(Locale.ROOT);
    }
}

package dev.rapport.contacts.imports.domain;

import java.util.Locale;
import java.util.function.Supplier;

/** The files Rapport imports contacts from, and the reader of each. */
public enum ImportFormat {
    LINKEDIN("linkedin", LinkedInConnectionsReader::new),
    GOOGLE("google", GoogleContactsReader::new),
    OUTLOOK("outlook", OutlookContactsReader::new),
    VCARD("vcard", VCardFileReader::new);

    private final String id;
    private final Supplier<ContactFileReader> reader;

    ImportFormat(String id, Supplier<ContactFileReader> reader) {
        this.id = id;
        this.reader = reader;
    }

    /** The format's name in URLs and the {@code source} of the contacts it creates. */
    public String id() {
        return id;
    }

    public ContactFileReader reader() {
        return reader.get();
    }

    /** The format named {@code id}; an IllegalArgumentException names the known ones otherwise. */
    public static ImportFormat of(String id) {
        for (ImportFormat format : values()) {
            if (format.id.equals(id.toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new IllegalArgumentException("must be linkedin, google, outlook or vcard");
    }
}

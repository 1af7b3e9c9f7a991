package dev.rapport.contacts.imports.domain;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * The files Rapport imports, and the reader of each: contacts files, and LinkedIn's {@code messages.csv}, whose
 * messages with contacts become interactions (it has no contacts reader: {@link #capturesInteractions()}).
 */
public enum ImportFormat {
    LINKEDIN("linkedin", LinkedInConnectionsReader::new),
    GOOGLE("google", GoogleContactsReader::new),
    OUTLOOK("outlook", OutlookContactsReader::new),
    VCARD("vcard", VCardFileReader::new),
    LINKEDIN_MESSAGES("linkedin-messages", null);

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

    /** The reader of a contacts file. */
    public ContactFileReader reader() {
        if (reader == null) {
            throw new IllegalStateException(id + " is not a contacts file");
        }
        return reader.get();
    }

    /** Whether the file's rows become interactions (LinkedIn messages) rather than contacts. */
    public boolean capturesInteractions() {
        return reader == null;
    }

    /** The format named {@code id}; an IllegalArgumentException names the known ones otherwise. */
    public static ImportFormat of(String id) {
        for (ImportFormat format : values()) {
            if (format.id.equals(id.toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new IllegalArgumentException("must be linkedin, google, outlook, vcard or linkedin-messages");
    }
}

package dev.rapport.contacts.imports.domain;

import dev.rapport.contacts.domain.Birthdays;
import dev.rapport.contacts.domain.ContactCard;
import ezvcard.Ezvcard;
import ezvcard.VCard;
import ezvcard.property.Address;
import ezvcard.property.DateOrTimeProperty;
import ezvcard.property.RawProperty;
import ezvcard.property.StructuredName;
import ezvcard.property.Telephone;
import ezvcard.property.TextProperty;
import ezvcard.util.PartialDate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * vCard files (2.1, 3.0 and 4.0, several cards in one file) read card by card with ez-vcard: each
 * card is cut out of the stream by its {@code BEGIN}/{@code END} lines (so that its line number is
 * known and a broken card does not take the others with it), then parsed. Apple's grouped labels
 * ({@code item3.X-ABDATE} with {@code item3.X-ABLabel}) and anniversaries end up in the notes;
 * a birthday without a year ({@code --0314}) is kept without one.
 */
public final class VCardFileReader implements ContactFileReader {

    /** The non-standard property in which Rapport's own exports carry the connection date. */
    public static final String CONNECTED_ON = "X-RAPPORT-CONNECTED-ON";

    @Override
    public void read(Reader in, Consumer<ImportRow> rows) throws IOException {
        BufferedReader lines = new BufferedReader(Boms.skip(in));
        StringBuilder card = new StringBuilder();
        long lineNumber = 0;
        long cardStart = 0;
        int depth = 0;
        boolean anyCard = false;
        String line;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            String upper = line.strip().toUpperCase(Locale.ROOT);
            if (upper.equals("BEGIN:VCARD")) {
                if (depth == 0) {
                    cardStart = lineNumber;
                    card.setLength(0);
                }
                depth++;
            }
            if (depth > 0) {
                card.append(line).append("\r\n");
            }
            if (upper.equals("END:VCARD") && depth > 0 && --depth == 0) {
                anyCard = true;
                rows.accept(parse(cardStart, card.toString()));
            }
        }
        if (depth > 0) {
            anyCard = true;
            rows.accept(new ImportRow.Rejected(cardStart, RowProblem.of("unterminated-card")));
        }
        if (!anyCard) {
            throw new UnreadableFileException("no vCard in the file (no BEGIN:VCARD line)");
        }
    }

    private static ImportRow parse(long line, String text) {
        VCard vcard;
        try {
            vcard = Ezvcard.parse(text).first();
        } catch (RuntimeException e) {
            return new ImportRow.Rejected(line, RowProblem.of("unreadable-card", String.valueOf(e.getMessage())));
        }
        if (vcard == null) {
            return new ImportRow.Rejected(line, RowProblem.of("unreadable-card", "empty"));
        }
        List<RowProblem> warnings = new ArrayList<>();
        String[] name = name(vcard);
        List<String> notes = new ArrayList<>();
        vcard.getNotes().forEach(note -> notes.add(note.getValue()));
        appleDates(vcard, notes);
        if (vcard.getAnniversary() != null) {
            date(vcard.getAnniversary()).ifPresent(date -> notes.add("Anniversary: " + date));
        }
        LocalDate birthday = null;
        if (vcard.getBirthday() != null) {
            birthday = date(vcard.getBirthday()).orElse(null);
            if (birthday == null) {
                warnings.add(RowProblem.of(
                        "invalid-birthday", String.valueOf(vcard.getBirthday().getText())));
            }
        }
        LocalDate connectedOn = Optional.ofNullable(vcard.getExtendedProperty(CONNECTED_ON))
                .flatMap(p -> Dates.date(p.getValue()))
                .orElse(null);
        Address address = vcard.getAddresses().stream().findFirst().orElse(null);
        ContactCard card = new ContactCard(
                name[0],
                name[1],
                values(vcard.getEmails().stream()),
                vcard.getTelephoneNumbers().stream()
                        .map(VCardFileReader::phone)
                        .filter(Objects::nonNull)
                        .toList(),
                vcard.getOrganization() == null
                        ? null
                        : vcard.getOrganization().getValues().stream()
                                .findFirst()
                                .orElse(null),
                values(vcard.getTitles().stream()).stream().findFirst().orElse(null),
                address == null ? null : location(address),
                vcard.getUrls().stream().map(url -> url.getValue()).toList(),
                notes.isEmpty() ? null : String.join("\n", notes),
                vcard.getCategoriesList().stream()
                        .flatMap(c -> c.getValues().stream())
                        .toList(),
                birthday,
                connectedOn);
        return card.isNamed()
                ? new ImportRow.Parsed(line, card, warnings)
                : new ImportRow.Rejected(line, RowProblem.of("no-name"));
    }

    /** First and last name from N, else from FN (the last word taken as the last name). */
    private static String[] name(VCard vcard) {
        StructuredName n = vcard.getStructuredName();
        if (n != null && (n.getGiven() != null || n.getFamily() != null)) {
            String given = Stream.concat(Stream.ofNullable(n.getGiven()), n.getAdditionalNames().stream())
                    .filter(s -> !s.isBlank())
                    .reduce((a, b) -> a + " " + b)
                    .orElse(null);
            return new String[] {given, n.getFamily()};
        }
        if (vcard.getFormattedName() != null && vcard.getFormattedName().getValue() != null) {
            String full = vcard.getFormattedName().getValue().strip();
            int space = full.lastIndexOf(' ');
            return space < 0
                    ? new String[] {full, null}
                    : new String[] {full.substring(0, space), full.substring(space + 1)};
        }
        return new String[] {null, null};
    }

    private static List<String> values(Stream<? extends TextProperty> properties) {
        return properties.map(TextProperty::getValue).filter(Objects::nonNull).toList();
    }

    private static String phone(Telephone tel) {
        if (tel.getText() != null) {
            return tel.getText();
        }
        return tel.getUri() == null ? null : tel.getUri().getNumber();
    }

    private static String location(Address address) {
        String place = Stream.of(address.getLocality(), address.getRegion(), address.getCountry())
                .filter(s -> s != null && !s.isBlank())
                .reduce((a, b) -> a + ", " + b)
                .orElse(null);
        return place;
    }

    private static Optional<LocalDate> date(DateOrTimeProperty property) {
        Temporal date = property.getDate();
        if (date != null) {
            try {
                return Optional.of(LocalDate.from(date));
            } catch (java.time.DateTimeException e) {
                return Optional.empty();
            }
        }
        PartialDate partial = property.getPartialDate();
        if (partial != null && partial.getMonth() != null && partial.getDate() != null) {
            int year = partial.getYear() == null ? Birthdays.UNKNOWN_YEAR : partial.getYear();
            try {
                return Optional.of(LocalDate.of(year, partial.getMonth(), partial.getDate()));
            } catch (java.time.DateTimeException e) {
                return Optional.empty();
            }
        }
        return Dates.birthday(property.getText());
    }

    /** Apple writes extra dates as {@code itemN.X-ABDATE} labelled by {@code itemN.X-ABLabel:_$!<Anniversary>!$_}. */
    private static void appleDates(VCard vcard, List<String> notes) {
        for (RawProperty date : vcard.getExtendedProperties("X-ABDATE")) {
            String label = vcard.getExtendedProperties("X-ABLabel").stream()
                    .filter(l -> date.getGroup() != null && date.getGroup().equalsIgnoreCase(l.getGroup()))
                    .map(RawProperty::getValue)
                    .findFirst()
                    .map(VCardFileReader::appleLabel)
                    .orElse("Date");
            notes.add(label + ": " + date.getValue());
        }
    }

    private static String appleLabel(String label) {
        return label.startsWith("_$!<") && label.endsWith(">!$_") ? label.substring(4, label.length() - 4) : label;
    }
}

package dev.rapport.contacts.exports.domain;

import dev.rapport.contacts.domain.Birthdays;
import dev.rapport.contacts.domain.ContactCard;
import dev.rapport.contacts.domain.SpreadsheetCells;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes contacts as CSV in Google Contacts' layout (so that Google Contacts, and Rapport's own
 * {@code google} import, read it back), with a UTF-8 BOM so that Excel shows accents, several values
 * in one cell separated by {@code " ::: "}, a birthday without a year as {@code --MM-DD}, and
 * Rapport's own columns after Google's. Text cells that a spreadsheet would take for a formula are neutralised
 * ({@link SpreadsheetCells}); the {@code google} import of a file with Rapport's columns undoes it.
 */
public final class ContactsCsv {

    static final List<String> HEADER = List.of(
            "First Name",
            "Last Name",
            "Organization Name",
            "Organization Title",
            "Birthday",
            "Notes",
            "Labels",
            "E-mail 1 - Label",
            "E-mail 1 - Value",
            "Phone 1 - Label",
            "Phone 1 - Value",
            "Website 1 - Label",
            "Website 1 - Value",
            "Address 1 - City",
            "Connected On",
            "Tier",
            "Last Interaction",
            "Next Touch Due");

    private static final String MULTI = " ::: ";

    /** What Rapport knows of a contact beyond its card. */
    public record Extra(String tier, Instant lastInteractionAt, Instant nextTouchDueAt) {}

    private final CSVPrinter printer;

    /** Starts the file: BOM and header. */
    public ContactsCsv(Writer out) throws IOException {
        out.write('\uFEFF');
        this.printer = new CSVPrinter(
                out,
                CSVFormat.RFC4180
                        .builder()
                        .setHeader(HEADER.toArray(String[]::new))
                        .get());
    }

    /** Writes one contact. */
    public void write(ContactCard card, Extra extra) throws IOException {
        printer.printRecord(
                safe(card.firstName()),
                safe(card.lastName()),
                safe(card.company()),
                safe(card.title()),
                birthday(card.birthday()),
                safe(card.notes()),
                safe(String.join(MULTI, card.tags())),
                card.emails().isEmpty() ? null : "* Other",
                safe(String.join(MULTI, card.emails())),
                card.phones().isEmpty() ? null : "Mobile",
                safe(String.join(MULTI, card.phones())),
                card.profileUrls().isEmpty() ? null : "Profile",
                safe(String.join(MULTI, card.profileUrls())),
                safe(card.location()),
                card.connectedOn(),
                extra.tier(),
                extra.lastInteractionAt(),
                extra.nextTouchDueAt());
    }

    /** Text that came from the member or third parties, made spreadsheet-safe (dates and times cannot start a formula). */
    private static String safe(String value) {
        return SpreadsheetCells.neutralise(value);
    }

    public void flush() throws IOException {
        printer.flush();
    }

    private static String birthday(LocalDate birthday) {
        if (birthday == null) {
            return null;
        }
        return birthday.getYear() == Birthdays.UNKNOWN_YEAR
                ? String.format("--%02d-%02d", birthday.getMonthValue(), birthday.getDayOfMonth())
                : birthday.toString();
    }
}

package dev.rapport.contacts.imports.domain;

import dev.rapport.contacts.domain.ContactCard;
import dev.rapport.contacts.domain.SpreadsheetCells;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A Google Contacts CSV export, current layout ({@code First Name}, {@code Organization Name},
 * numbered {@code E-mail 1 - Label}/{@code E-mail 1 - Value} pairs, {@code Labels}) or the older one
 * ({@code Given Name}, {@code Organization 1 - Name}, {@code Group Membership}). Several values in one
 * cell are separated by {@code " ::: "}; a birthday may have no year ({@code --06-02}); labels become
 * tags, without Google's own {@code * myContacts}. In a file that Rapport exported (it has Rapport's own columns),
 * the quotes the export put in front of formula-like cells are removed again.
 */
final class GoogleContactsReader implements ContactFileReader {

    private static final String MULTI = " ::: ";
    private static final Pattern EMAIL = Pattern.compile("e-mail \\d+ - value");
    private static final Pattern PHONE = Pattern.compile("phone \\d+ - value");
    private static final Pattern WEBSITE = Pattern.compile("website \\d+ - value");

    /** Columns only Rapport's own CSV export has: a file with them was written by Rapport. */
    private static final List<String> RAPPORT_COLUMNS = List.of("tier", "last interaction", "next touch due");

    @Override
    public void read(Reader in, Consumer<ImportRow> rows) throws IOException {
        boolean[] rapportExport = {false};
        CsvTable.read(
                in,
                0,
                header -> {
                    boolean google = (header.contains("first name") || header.contains("given name"))
                            && header.stream()
                                    .anyMatch(column -> EMAIL.matcher(column).matches());
                    rapportExport[0] = google && header.containsAll(RAPPORT_COLUMNS);
                    return google;
                },
                "no Google Contacts header (First Name, Last Name, E-mail 1 - Value …)",
                // Only in Rapport's own export is a leading quote known to be one Rapport added (see SpreadsheetCells).
                row -> row(rapportExport[0] ? row.map(SpreadsheetCells::restore) : row),
                rows);
    }

    private static ImportRow row(CsvTable.Row row) {
        List<RowProblem> warnings = new ArrayList<>();
        String birthdayText = row.get("Birthday");
        LocalDate birthday = Dates.birthday(birthdayText).orElse(null);
        if (birthdayText != null && birthday == null) {
            warnings.add(RowProblem.of("invalid-birthday", birthdayText));
        }
        String first = join(row.get("First Name", "Given Name"), row.get("Middle Name", "Additional Name"));
        ContactCard card = new ContactCard(
                first,
                row.get("Last Name", "Family Name"),
                split(row.matching(c -> EMAIL.matcher(c).matches())),
                split(row.matching(c -> PHONE.matcher(c).matches())),
                row.get("Organization Name", "Organization 1 - Name"),
                row.get("Organization Title", "Organization 1 - Title"),
                join(", ", row.get("Address 1 - City"), row.get("Address 1 - Country")),
                split(row.matching(c -> WEBSITE.matcher(c).matches())),
                notes(row.get("Notes")),
                labels(row.get("Labels", "Group Membership")),
                birthday,
                null);
        return card.isNamed()
                ? new ImportRow.Parsed(row.line(), card, warnings)
                : new ImportRow.Rejected(row.line(), RowProblem.of("no-name"));
    }

    private static List<String> split(List<String> cells) {
        return cells.stream()
                .flatMap(cell -> Arrays.stream(cell.split(Pattern.quote(MULTI))))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    /** " ::: " inside a note is Google's separator of several notes: one per line. */
    private static String notes(String notes) {
        return notes == null ? null : String.join("\n", split(List.of(notes)));
    }

    /** Google's system groups start with "* " ({@code * myContacts}, {@code * starred}). */
    private static List<String> labels(String labels) {
        if (labels == null) {
            return List.of();
        }
        return split(List.of(labels)).stream()
                .filter(label -> !label.equalsIgnoreCase("* myContacts"))
                .map(label -> label.startsWith("* ") ? label.substring(2) : label)
                .toList();
    }

    private static String join(String first, String middle) {
        return join(" ", first, middle);
    }

    private static String join(String separator, String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + separator + b;
    }
}

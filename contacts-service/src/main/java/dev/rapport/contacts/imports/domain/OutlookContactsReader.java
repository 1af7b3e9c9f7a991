package dev.rapport.contacts.imports.domain;

import dev.rapport.contacts.domain.ContactCard;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * An Outlook CSV export (desktop Outlook and Outlook.com): {@code Title} is the honorific and
 * {@code Job Title} the position, up to three e-mail columns (Exchange users may have an X.500
 * address instead of an e-mail, which is left out with a warning), {@code Categories} separated by
 * {@code ;}, US dates with {@code 0/0/00} for none; desktop Outlook writes the file in the Windows
 * code page rather than UTF-8.
 */
final class OutlookContactsReader implements ContactFileReader {

    @Override
    public void read(Reader in, Consumer<ImportRow> rows) throws IOException {
        CsvTable.read(
                in,
                0,
                header -> header.contains("first name")
                        && header.contains("e-mail address")
                        && header.contains("job title"),
                "no Outlook header (First Name, Last Name, E-mail Address, Job Title …)",
                OutlookContactsReader::row,
                rows);
    }

    private static ImportRow row(CsvTable.Row row) {
        List<RowProblem> warnings = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (String column : List.of("E-mail Address", "E-mail 2 Address", "E-mail 3 Address")) {
            String email = row.get(column);
            if (email != null && email.contains("@")) {
                emails.add(email);
            } else if (email != null) {
                warnings.add(RowProblem.of("not-an-email", email));
            }
        }
        String birthdayText = row.get("Birthday");
        LocalDate birthday = null;
        if (!Dates.isOutlookNone(birthdayText)) {
            birthday = Dates.birthday(birthdayText).orElse(null);
            if (birthday == null) {
                warnings.add(RowProblem.of("invalid-birthday", birthdayText));
            }
        }
        String middle = row.get("Middle Name");
        String first = row.get("First Name");
        ContactCard card = new ContactCard(
                first != null && middle != null ? first + " " + middle : first != null ? first : middle,
                row.get("Last Name"),
                emails,
                row.matching(c -> c.endsWith("phone") || c.endsWith("phone 2")),
                row.get("Company"),
                row.get("Job Title"),
                row.get("Business City", "Home City", "Other City"),
                row.matching(c -> c.equals("web page") || c.equals("personal web page")),
                row.get("Notes"),
                row.get("Categories") == null
                        ? List.of()
                        : Arrays.stream(row.get("Categories").split(";"))
                                .map(String::strip)
                                .toList(),
                birthday,
                null);
        return card.isNamed()
                ? new ImportRow.Parsed(row.line(), card, warnings)
                : new ImportRow.Rejected(row.line(), RowProblem.of("no-name"));
    }
}

package dev.rapport.contacts.imports.domain;

import dev.rapport.contacts.domain.ContactCard;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * LinkedIn's {@code Connections.csv} ("Get a copy of your data"): a {@code Notes:} preamble before the
 * header in current exports (none in older ones), often a BOM and CRLF, e-mails mostly empty, no
 * {@code URL} column in older exports, and dates like {@code 12 Mar 2024}.
 */
final class LinkedInConnectionsReader implements ContactFileReader {

    /** The preamble is a few records long; a file without the header within this many records is not an export. */
    private static final int MAX_PREAMBLE = 10;

    @Override
    public void read(Reader in, Consumer<ImportRow> rows) throws IOException {
        CsvTable.read(
                in,
                MAX_PREAMBLE,
                header -> header.contains("first name") && header.contains("last name"),
                "no LinkedIn header (First Name, Last Name, URL, Email Address, Company, Position, Connected On)",
                LinkedInConnectionsReader::row,
                rows);
    }

    private static ImportRow row(CsvTable.Row row) {
        List<RowProblem> warnings = new ArrayList<>();
        String connected = row.get("Connected On");
        LocalDate connectedOn = Dates.date(connected).orElse(null);
        if (connected != null && connectedOn == null) {
            warnings.add(RowProblem.of("invalid-connection-date", connected));
        }
        ContactCard card = new ContactCard(
                row.get("First Name"),
                row.get("Last Name"),
                listOf(row.get("Email Address")),
                List.of(),
                row.get("Company"),
                row.get("Position"),
                null,
                listOf(row.get("URL", "Profile URL")),
                null,
                List.of(),
                null,
                connectedOn);
        return card.isNamed()
                ? new ImportRow.Parsed(row.line(), card, warnings)
                : new ImportRow.Rejected(row.line(), RowProblem.of("no-name"));
    }

    private static List<String> listOf(String value) {
        return value == null ? List.of() : List.of(value);
    }
}

package dev.rapport.contacts.imports.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.contacts.Fixtures;
import dev.rapport.contacts.domain.ContactCard;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContactFileReadersTest {

    private static List<ImportRow> read(ImportFormat format, String text) throws IOException {
        List<ImportRow> rows = new ArrayList<>();
        format.reader().read(new StringReader(text), rows::add);
        return rows;
    }

    private static List<ImportRow.Parsed> parsed(List<ImportRow> rows) {
        return rows.stream()
                .filter(ImportRow.Parsed.class::isInstance)
                .map(ImportRow.Parsed.class::cast)
                .toList();
    }

    private static ContactCard named(List<ImportRow> rows, String firstName) {
        return parsed(rows).stream()
                .map(ImportRow.Parsed::card)
                .filter(c -> firstName.equals(c.firstName()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void linkedInExportIsReadPastItsPreambleWithTheLineNumberOfEveryRow() throws IOException {
        List<ImportRow> rows = read(ImportFormat.LINKEDIN, Fixtures.text("linkedin-connections.csv"));

        assertThat(rows)
                .as("22 good rows, the short one, the one with a bad date")
                .hasSize(23);
        assertThat(rows.getFirst().line())
                .as("the first data row, after preamble and header")
                .isEqualTo(5);
        assertThat(rows)
                .filteredOn(ImportRow.Rejected.class::isInstance)
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.line()).isEqualTo(26);
                    assertThat(((ImportRow.Rejected) row).problem())
                            .isEqualTo(RowProblem.of("wrong-column-count", "2", "7"));
                });
        ImportRow.Parsed laura = parsed(rows).getLast();
        assertThat(laura.line()).isEqualTo(27);
        assertThat(laura.card().connectedOn()).as("31 Feb 2024 is no date").isNull();
        assertThat(laura.warnings()).containsExactly(RowProblem.of("invalid-connection-date", "31 Feb 2024"));

        ContactCard jose = named(rows, "José");
        assertThat(jose.company()).isEqualTo("Mercado Libre, S.R.L.");
        assertThat(jose.emails()).isEmpty();
        assertThat(jose.profileUrls()).containsExactly("https://www.linkedin.com/in/jose-nunez-8a1b2c");
        assertThat(jose.connectedOn()).isEqualTo(LocalDate.of(2023, 1, 3));
        assertThat(named(rows, "Valentina").title()).isEqualTo("Consultant \"AI & Data\"");
        assertThat(named(rows, "María José").emails()).containsExactly("mj.fernandez@example.org");
    }

    @Test
    void olderLinkedInExportWithoutPreambleNorUrlColumnIsRead() throws IOException {
        List<ImportRow> rows = read(ImportFormat.LINKEDIN, Fixtures.text("linkedin-connections-legacy.csv"));

        assertThat(parsed(rows)).hasSize(2);
        assertThat(rows.getFirst().line()).isEqualTo(2);
        ContactCard pablo = named(rows, "Pablo");
        assertThat(pablo.company()).isEqualTo("Telefónica");
        assertThat(pablo.profileUrls()).isEmpty();
        assertThat(pablo.connectedOn()).isEqualTo(LocalDate.of(2017, 10, 10));
    }

    @Test
    void googleExportKeepsEveryEmailLabelsAsTagsNotesAndAYearlessBirthday() throws IOException {
        List<ImportRow> rows = read(ImportFormat.GOOGLE, Fixtures.text("google-contacts.csv"));

        assertThat(parsed(rows)).hasSize(3);
        ContactCard majo = named(rows, "María José");
        assertThat(majo.emails()).containsExactly("mj.fernandez@example.org", "majo@example.net");
        assertThat(majo.tags()).containsExactly("Alumni");
        assertThat(majo.notes()).isEqualTo("Met at the 2019 alumni reunion; into distributed systems");
        assertThat(majo.birthday()).isEqualTo(LocalDate.of(1990, 4, 17));
        assertThat(majo.profileUrls()).containsExactly("https://www.linkedin.com/in/mjfernandez");
        ContactCard tomas = named(rows, "Tomás");
        assertThat(tomas.birthday()).isEqualTo(LocalDate.of(1604, 6, 2));
        ContactCard ana = named(rows, "Ana");
        assertThat(ana.tags()).containsExactly("Mentors");
        assertThat(ana.notes()).isEqualTo("Wants to start a blog, asked for feedback\nprefers WhatsApp");
    }

    @Test
    void vCardsOfVersions3And4WithAppleGroupsAndFoldedNotesAreRead() throws IOException {
        List<ImportRow> rows = read(ImportFormat.VCARD, Fixtures.text("contacts.vcf"));

        assertThat(parsed(rows)).hasSize(3);
        assertThat(rows).extracting(ImportRow::line).containsExactly(1L, 22L, 35L);
        ContactCard jose = named(rows, "José");
        assertThat(jose.lastName()).isEqualTo("Núñez");
        assertThat(jose.company()).isEqualTo("Mercado Libre, S.R.L.");
        assertThat(jose.emails()).containsExactly("jose.nunez@example.com", "jnunez@example.net");
        assertThat(jose.profileUrls())
                .containsExactly("https://www.linkedin.com/in/jose-nunez-8a1b2c", "https://jose.example.dev");
        assertThat(jose.birthday()).isEqualTo(LocalDate.of(1988, 9, 23));
        assertThat(jose.tags()).containsExactly("Alumni", "Backend");
        assertThat(jose.notes())
                .contains("observabilidad y el mentoring de juniors.")
                .contains("Anniversary: 2015-12-04");
        ContactCard zoe = named(rows, "Zoë");
        assertThat(zoe.birthday()).isEqualTo(LocalDate.of(1604, 3, 14));
        assertThat(zoe.phones()).containsExactly("+49-151-5555-0144");
    }

    @Test
    void vCard21WithQuotedPrintableIsRead() throws IOException {
        String card =
                "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ib=C3=A1=C3=B1ez;In=C3=A9s\r\n"
                        + "TEL;CELL:+34 600 000 000\r\nEMAIL;INTERNET:ines@example.es\r\nEND:VCARD\r\n";

        ContactCard ines = parsed(read(ImportFormat.VCARD, card)).getFirst().card();

        assertThat(ines.firstName()).isEqualTo("Inés");
        assertThat(ines.lastName()).isEqualTo("Ibáñez");
        assertThat(ines.phones()).containsExactly("+34 600 000 000");
    }

    @Test
    void outlookExportSeparatesHonorificFromJobTitleAndLeavesOutExchangeAddresses() throws IOException {
        String csv = "First Name,Middle Name,Last Name,Title,Company,Job Title,E-mail Address,E-mail 2 Address,"
                + "Mobile Phone,Business Fax,Birthday,Categories,Notes\r\n"
                + "Lucía,,Pérez,Dra.,Hospital Clínic,Cardióloga,lucia@example.es,"
                + "/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=lperez,+34 600 111 222,+34 900 000 000,4/17/1985,"
                + "Alumni;Health,\r\n"
                + "Jon,,Doe,,Acme,CTO,jon@example.com,,,,0/0/00,,\r\n";

        List<ImportRow> rows = read(ImportFormat.OUTLOOK, csv);

        ImportRow.Parsed lucia = parsed(rows).getFirst();
        assertThat(lucia.card().title()).isEqualTo("Cardióloga");
        assertThat(lucia.card().emails()).containsExactly("lucia@example.es");
        assertThat(lucia.card().phones()).as("a fax is not a phone").containsExactly("+34 600 111 222");
        assertThat(lucia.card().birthday()).isEqualTo(LocalDate.of(1985, 4, 17));
        assertThat(lucia.card().tags()).containsExactly("Alumni", "Health");
        assertThat(lucia.warnings()).extracting(RowProblem::code).containsExactly("not-an-email");
        assertThat(parsed(rows).get(1).card().birthday())
                .as("0/0/00 is Outlook's 'none'")
                .isNull();
    }

    @Test
    void aFileOfAnotherFormatIsUnreadableAsAWhole() {
        assertThatThrownBy(() -> read(ImportFormat.LINKEDIN, Fixtures.text("contacts.vcf")))
                .isInstanceOf(UnreadableFileException.class);
        assertThatThrownBy(() -> read(ImportFormat.VCARD, Fixtures.text("linkedin-connections.csv")))
                .isInstanceOf(UnreadableFileException.class);
    }

    @Test
    void brokenQuotesRejectTheRestButKeepTheRowsBefore() throws IOException {
        String csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                + "Ana,Gómez,,,Acme,CTO,01 Jan 2020\n"
                + "\"Broken,Row,,,,,\n"
                + "Luis,Vega,,,Acme,CEO,01 Jan 2020\n";

        List<ImportRow> rows = read(ImportFormat.LINKEDIN, csv);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).isEqualTo(new ImportRow.Rejected(3, RowProblem.of("broken-quotes")));
    }
}

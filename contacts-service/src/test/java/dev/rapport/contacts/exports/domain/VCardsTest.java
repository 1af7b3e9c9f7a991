package dev.rapport.contacts.exports.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.contacts.domain.ContactCard;
import dev.rapport.contacts.imports.domain.ImportFormat;
import dev.rapport.contacts.imports.domain.ImportRow;
import ezvcard.VCardVersion;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VCardsTest {

    private static final ContactCard ZOE = new ContactCard(
            "Zoë",
            "Müller",
            List.of("zoe.mueller@example.de"),
            List.of("+49 151 5555 0144"),
            "SAP, SE",
            "Product Manager",
            "Berlin",
            List.of("https://www.linkedin.com/in/zoemuller"),
            "Loves; semicolons,\nand lines",
            List.of("Product", "Europe"),
            LocalDate.of(1604, 3, 14),
            LocalDate.of(2021, 7, 15));

    private static String write(VCardVersion version) throws IOException {
        StringWriter out = new StringWriter();
        VCards.write(
                out,
                version,
                List.of(ZOE).iterator(),
                c -> VCards.of(c, VCards.uid("contact", "c1"), Instant.parse("2025-01-01T00:00:00Z"), version));
        return out.toString();
    }

    private static ContactCard readBack(String vcf) throws IOException {
        List<ImportRow> rows = new ArrayList<>();
        ImportFormat.VCARD.reader().read(new StringReader(vcf), rows::add);
        return ((ImportRow.Parsed) rows.getFirst()).card();
    }

    @Test
    void version3WritesAYearlessBirthdayTheAppleWayAndReadsBackTheSameCard() throws IOException {
        String vcf = write(VCardVersion.V3_0);

        assertThat(vcf).contains("VERSION:3.0").contains("BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-14");
        assertThat(vcf).contains("UID:urn:uuid:").contains("PRODID:-//Rapport//Contacts//EN");
        assertThat(readBack(vcf)).isEqualTo(ZOE);
    }

    @Test
    void version4WritesAYearlessBirthdayAsAPartialDateAndReadsBackTheSameCard() throws IOException {
        String vcf = write(VCardVersion.V4_0);

        assertThat(vcf).contains("VERSION:4.0").contains("BDAY:--0314");
        assertThat(readBack(vcf)).isEqualTo(ZOE);
    }

    @Test
    void theCsvReadsBackAsAGoogleContactsExport() throws IOException {
        StringWriter out = new StringWriter();
        ContactsCsv csv = new ContactsCsv(out);
        csv.write(ZOE, new ContactsCsv.Extra("regular", null, null));
        csv.flush();

        List<ImportRow> rows = new ArrayList<>();
        ImportFormat.GOOGLE.reader().read(new StringReader(out.toString()), rows::add);

        assertThat(out.toString()).startsWith("\uFEFFFirst Name,");
        ContactCard back = ((ImportRow.Parsed) rows.getFirst()).card();
        assertThat(back)
                .isEqualTo(new ContactCard(
                        ZOE.firstName(),
                        ZOE.lastName(),
                        ZOE.emails(),
                        ZOE.phones(),
                        ZOE.company(),
                        ZOE.title(),
                        ZOE.location(),
                        ZOE.profileUrls(),
                        ZOE.notes(),
                        ZOE.tags(),
                        ZOE.birthday(),
                        null));
    }
}

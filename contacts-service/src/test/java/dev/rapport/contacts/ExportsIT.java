package dev.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.ApiClient.Answer;
import dev.rapport.testkit.RapportIntegrationTest;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Exports of the member's contacts (vCard 3.0 and 4.0, CSV), one contact, and the member's own card. */
@RapportIntegrationTest
class ExportsIT {

    @LocalServerPort
    int port;

    String member;
    ApiClient api;
    Uploads uploads;

    @BeforeEach
    void member() {
        member = "member-" + UUID.randomUUID();
        api = ApiClient.asMember(port, member);
        uploads = new Uploads(port, member);
        Answer imported = uploads.raw("/api/v1/imports/vcard", "text/vcard", Fixtures.bytes("contacts.vcf"));
        assertThat(imported.status()).as(imported.raw().body()).isEqualTo(200);
    }

    private static int count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }

    @Test
    void everyContactExportsAsVCard3ByDefaultAndImportsBackUnchanged() {
        Answer export = api.get("/api/v1/contacts/export.vcf");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("text/vcard");
        assertThat(export.header("Content-Disposition")).contains("attachment").contains("contacts.vcf");
        String vcf = export.raw().body();
        assertThat(count(vcf, "BEGIN:VCARD")).isEqualTo(3);
        assertThat(count(vcf, "VERSION:3.0")).isEqualTo(3);
        assertThat(vcf).contains("FN:José Núñez").contains("BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-14");

        Answer reimport = uploads.raw("/api/v1/imports/vcard", "text/vcard", vcf.getBytes(StandardCharsets.UTF_8));

        assertThat(reimport.json().get("unchanged").asInt())
                .as(reimport.raw().body())
                .isEqualTo(3);
    }

    @Test
    void version4IsGivenOnRequestAndAnUnknownVersionIsA400() {
        Answer v4 = api.get("/api/v1/contacts/export.vcf?version=4.0");
        Answer v5 = api.get("/api/v1/contacts/export.vcf?version=5.0");

        assertThat(count(v4.raw().body(), "VERSION:4.0")).isEqualTo(3);
        assertThat(v4.raw().body()).contains("BDAY:--0314");
        assertThat(v5.status()).isEqualTo(400);
        assertThat(v5.json().get("errors").get(0).get("field").asString()).isEqualTo("version");
    }

    @Test
    void oneContactExportsAsItsOwnVCardAndAnotherMembersIdIsA404() {
        String id = api.get("/api/v1/contacts?q=priya")
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();

        Answer one = api.get("/api/v1/contacts/" + id + ".vcf");
        Answer theirs = ApiClient.asMember(port, "member-" + UUID.randomUUID()).get("/api/v1/contacts/" + id + ".vcf");

        assertThat(one.status()).isEqualTo(200);
        assertThat(one.header("Content-Disposition")).contains("Priya-Natarajan.vcf");
        assertThat(count(one.raw().body(), "BEGIN:VCARD")).isEqualTo(1);
        assertThat(one.raw().body()).contains("EMAIL;TYPE=internet:priya@example.com");
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/contacts/" + id).status())
                .as("the JSON resource is still there")
                .isEqualTo(200);
    }

    @Test
    void everyContactExportsAsCsvThatImportsBackAsGoogleContactsUnchanged() {
        Answer csv = api.get("/api/v1/contacts/export.csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.raw().body()).startsWith("\uFEFFFirst Name,Last Name,");
        assertThat(csv.raw().body())
                .contains("\nJosé,Núñez,\"Mercado Libre, S.R.L.\",Tech Lead,1988-09-23,")
                .contains("\nZoë,Müller,SAP,Product Manager,--03-14,");

        Answer reimport = uploads.raw(
                "/api/v1/imports/google", "text/csv", csv.raw().body().getBytes(StandardCharsets.UTF_8));

        assertThat(reimport.json().get("unchanged").asInt())
                .as(reimport.raw().body())
                .isEqualTo(3);
    }

    @Test
    void formulaLikeValuesAreNeutralisedInTheCsvAndStillImportBackUnchanged() throws Exception {
        Answer created = api.post(
                "/api/v1/contacts",
                Map.of(
                        "firstName", "=HYPERLINK(\"https://evil.example\",\"Click\")",
                        "lastName", "+Attacker",
                        "company", "@SUM(1+1)",
                        "title", "-2+3",
                        "notes", "=cmd|' /C calc'!A0",
                        "emails", List.of("formula@example.com")));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);

        Answer csv = api.get("/api/v1/contacts/export.csv");

        try (CSVParser parser = CSVParser.builder()
                .setReader(new StringReader(csv.raw().body().substring(1)))
                .setFormat(CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get())
                .get()) {
            CSVRecord row = parser.getRecords().stream()
                    .filter(r -> r.get("E-mail 1 - Value").equals("formula@example.com"))
                    .findFirst()
                    .orElseThrow();
            assertThat(row.get("First Name")).isEqualTo("'=HYPERLINK(\"https://evil.example\",\"Click\")");
            assertThat(row.get("Last Name")).isEqualTo("'+Attacker");
            assertThat(row.get("Organization Name")).isEqualTo("'@SUM(1+1)");
            assertThat(row.get("Organization Title")).isEqualTo("'-2+3");
            assertThat(row.get("Notes")).isEqualTo("'=cmd|' /C calc'!A0");
        }
        Answer reimport = uploads.raw(
                "/api/v1/imports/google", "text/csv", csv.raw().body().getBytes(StandardCharsets.UTF_8));
        assertThat(reimport.json().get("unchanged").asInt())
                .as(reimport.raw().body())
                .isEqualTo(4);
    }

    @Test
    void theMembersOwnCardIsWrittenReadAndHandedOutAsAVCard() {
        assertThat(api.get("/api/v1/contacts/me/card").status()).isEqualTo(404);

        Answer written = api.put(
                "/api/v1/contacts/me/card",
                Map.of(
                        "firstName", "Inés",
                        "lastName", "Ibáñez",
                        "title", "Data Engineer",
                        "company", "Rapport",
                        "emails", List.of("ines@example.es"),
                        "profileUrls", List.of("https://www.linkedin.com/in/ines")));
        Answer stale = api.header("If-Match", "\"99\"").put("/api/v1/contacts/me/card", Map.of("firstName", "Other"));
        Answer invalid = api.put("/api/v1/contacts/me/card", Map.of("emails", List.of("not-an-email")));
        Answer vcard = api.get("/api/v1/contacts/me/card.vcf?version=4.0");

        assertThat(written.status()).as(written.raw().body()).isEqualTo(200);
        assertThat(written.header("ETag")).isNotBlank();
        assertThat(stale.status()).isEqualTo(412);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/contacts/me/card").json().get("firstName").asString())
                .isEqualTo("Inés");
        assertThat(vcard.status()).isEqualTo(200);
        assertThat(vcard.header("Content-Disposition")).contains("Ines-Ibanez.vcf");
        assertThat(vcard.raw().body())
                .contains("VERSION:4.0")
                .contains("FN:Inés Ibáñez")
                .contains("TITLE:Data Engineer")
                .contains("URL:https://www.linkedin.com/in/ines");
        assertThat(ApiClient.asMember(port, "member-" + UUID.randomUUID())
                        .get("/api/v1/contacts/me/card.vcf")
                        .status())
                .as("another member has no card yet")
                .isEqualTo(404);
    }
}

package dev.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.ApiClient.Answer;
import dev.rapport.testkit.RapportIntegrationTest;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Imports of the shared sample files through the API: reports, dry runs, no duplicates, merges, events. */
@RapportIntegrationTest
// A context (and database) of its own: the imported contacts' events would otherwise queue ahead of
// other tests' events in the shared outbox relay.
@org.springframework.test.context.TestPropertySource(properties = "rapport.test.context=imports")
class ImportsIT {

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
    }

    private Answer upload(String format, String fixture, String query) {
        Answer answer = uploads.raw(
                "/api/v1/imports/" + format + query,
                format.equals("vcard") ? "text/vcard" : "text/csv",
                Fixtures.bytes(fixture));
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        return answer;
    }

    private JsonNode contacts() {
        return api.get("/api/v1/contacts?limit=200").json();
    }

    private JsonNode contactNamed(String firstName) {
        for (JsonNode contact : contacts().get("items")) {
            if (firstName.equals(contact.get("firstName").asString())) {
                return contact;
            }
        }
        throw new AssertionError("no contact named " + firstName);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    @Test
    void linkedInExportImportsEveryGoodRowReportsTheBadOnesByLineAndAnnouncesEachContact() {
        JsonNode report = upload("linkedin", "linkedin-connections.csv", "").json();

        assertThat(report.get("rows").asInt()).isEqualTo(23);
        assertThat(report.get("created").asInt())
                .as("20 distinct people, plus Laura imported without her impossible date")
                .isEqualTo(21);
        assertThat(report.get("unchanged").asInt())
                .as("José Núñez's second row")
                .isEqualTo(1);
        assertThat(report.get("merged").asInt()).isZero();
        assertThat(report.get("rejected").asInt()).isEqualTo(1);
        JsonNode rejected = report.get("rejectedRows").get(0);
        assertThat(rejected.get("line").asInt()).isEqualTo(26);
        assertThat(rejected.get("code").asString()).isEqualTo("wrong-column-count");
        assertThat(rejected.get("reason").asString()).isEqualTo("the row has 2 values where the header has 7 columns");
        JsonNode warning = report.get("warnings").get(0);
        assertThat(warning.get("line").asInt()).isEqualTo(27);
        assertThat(warning.get("message").asString()).contains("31 Feb 2024").contains("imported without it");

        JsonNode all = contacts();
        assertThat(all.get("total").asInt()).isEqualTo(21);
        JsonNode jose = contactNamed("José");
        assertThat(jose.get("company").asString()).isEqualTo("Mercado Libre, S.R.L.");
        assertThat(jose.get("source").asString()).isEqualTo("linkedin");
        assertThat(jose.get("tier").asString()).isEqualTo("acquaintance");
        assertThat(jose.get("connectedOn").asString()).isEqualTo("2023-01-03");
        assertThat(contactNamed("Laura").get("connectedOn").isNull()).isTrue();

        try (MemberEvents events = new MemberEvents(member)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> events.of("ContactAdded").size() == 21);
            assertThat(events.of("ContactAdded"))
                    .extracting(e -> e.get("source").asString())
                    .containsOnly("linkedin");
        }
    }

    @Test
    void reimportingTheSameFileCreatesNoDuplicateAndChangesNothing() {
        upload("linkedin", "linkedin-connections.csv", "");

        JsonNode again = upload("linkedin", "linkedin-connections.csv", "").json();

        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("merged").asInt()).isZero();
        assertThat(again.get("unchanged").asInt()).isEqualTo(22);
        assertThat(again.get("changes")).isEmpty();
        assertThat(contacts().get("total").asInt()).isEqualTo(21);
    }

    @Test
    void vCardsAfterLinkedInMergeJoseZoeAndPriyaInsteadOfDuplicatingThem() {
        upload("linkedin", "linkedin-connections.csv", "");

        JsonNode report = upload("vcard", "contacts.vcf", "").json();

        assertThat(report.get("created").asInt()).isZero();
        assertThat(report.get("merged").asInt()).isEqualTo(3);
        assertThat(contacts().get("total").asInt()).isEqualTo(21);
        JsonNode jose = contactNamed("José");
        assertThat(texts(jose.get("emails"))).containsExactly("jose.nunez@example.com", "jnunez@example.net");
        assertThat(texts(jose.get("tags"))).containsExactly("Alumni", "Backend");
        assertThat(jose.get("birthday").asString()).isEqualTo("1988-09-23");
        assertThat(jose.get("notes").asString()).contains("mentoring de juniors");
        assertThat(jose.get("source").asString())
                .as("where the contact came from first")
                .isEqualTo("linkedin");
        assertThat(contactNamed("Zoë").get("birthday").asString()).isEqualTo("1604-03-14");
        assertThat(texts(contactNamed("Priya").get("emails"))).containsExactly("priya@example.com");

        try (MemberEvents events = new MemberEvents(member)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> events.of("ContactUpdated").size() == 3);
            assertThat(events.of("ContactUpdated"))
                    .anySatisfy(e -> assertThat(texts(e.get("changedFields")))
                            .contains("emails", "phones", "birthday", "tags", "notes"));
        }
    }

    @Test
    void aDryRunReportsWhatWouldChangeAndChangesNothing() {
        JsonNode wouldCreate =
                upload("linkedin", "linkedin-connections.csv", "?dryRun=true").json();

        assertThat(wouldCreate.get("dryRun").asBoolean()).isTrue();
        assertThat(wouldCreate.get("created").asInt()).isEqualTo(21);
        assertThat(wouldCreate.get("changes").get(0).get("contactId").isNull()).isTrue();
        assertThat(contacts().get("total").asInt()).isZero();

        upload("linkedin", "linkedin-connections.csv", "");
        JsonNode wouldMerge = upload("vcard", "contacts.vcf", "?dryRun=true").json();

        assertThat(wouldMerge.get("merged").asInt()).isEqualTo(3);
        JsonNode joseChange = wouldMerge.get("changes").get(0);
        assertThat(joseChange.get("action").asString()).isEqualTo("merged");
        assertThat(joseChange.get("contactId").asString())
                .isEqualTo(contactNamed("José").get("id").asString());
        assertThat(texts(joseChange.get("fields"))).contains("emails");
        assertThat(contactNamed("José").get("emails")).as("nothing was written").isEmpty();
    }

    @Test
    void googleContactsMergeWithLinkedInByProfileUrlAndByNameAndCompany() {
        upload("linkedin", "linkedin-connections.csv", "");

        JsonNode report = upload("google", "google-contacts.csv", "").json();

        assertThat(report.get("created").asInt()).as("only Tomás is new").isEqualTo(1);
        assertThat(report.get("merged").asInt())
                .as("María José by URL, Ana by name and company")
                .isEqualTo(2);
        JsonNode majo = contactNamed("María José");
        assertThat(texts(majo.get("emails"))).containsExactly("mj.fernandez@example.org", "majo@example.net");
        assertThat(texts(majo.get("tags"))).containsExactly("Alumni");
        assertThat(majo.get("notes").asString()).startsWith("Met at the 2019 alumni reunion");
        assertThat(contactNamed("Tomás").get("birthday").asString()).isEqualTo("1604-06-02");
    }

    @Test
    void reportTextsAreInSpanishWhenTheMemberReadsSpanish() {
        JsonNode report = uploads.raw(
                        "/api/v1/imports/linkedin", "text/csv", Fixtures.bytes("linkedin-connections.csv"))
                .json();

        Answer es = api.header("Accept-Language", "es")
                .header("Content-Type", "text/csv")
                .send("POST", "/api/v1/imports/linkedin?dryRun=true", Fixtures.text("linkedin-connections.csv"));

        assertThat(report.get("rejectedRows").get(0).get("reason").asString()).startsWith("the row has");
        assertThat(es.json().get("rejectedRows").get(0).get("reason").asString())
                .isEqualTo("la fila tiene 2 valores y la cabecera 7 columnas");
        assertThat(es.json().get("warnings").get(0).get("message").asString())
                .startsWith("la fecha de conexión '31 Feb 2024' no es una fecha");
    }

    @Test
    void aFormUploadImportsLikeARawBody() {
        Answer answer = uploads.multipart("/api/v1/imports/vcard", "contacts.vcf", Fixtures.bytes("contacts.vcf"));

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        assertThat(answer.json().get("created").asInt()).isEqualTo(3);
    }

    @Test
    void aWindows1252FileIsRefusedAsUtf8AndImportedWhenItsCharsetIsSaid() {
        byte[] outlook = ("First Name,Last Name,Company,Job Title,E-mail Address\r\n"
                        + "Begoña,Ibáñez,Telefónica,Directora,bego@example.es\r\n")
                .getBytes(Charset.forName("windows-1252"));

        Answer refused = uploads.raw("/api/v1/imports/outlook", "text/csv", outlook);
        Answer imported = uploads.raw("/api/v1/imports/outlook?charset=windows-1252", "text/csv", outlook);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("charset");
        assertThat(imported.status()).as(imported.raw().body()).isEqualTo(200);
        assertThat(contactNamed("Begoña").get("lastName").asString()).isEqualTo("Ibáñez");
    }

    @Test
    void aFileOfAnotherFormatOrAnUnknownFormatIsA400AndChangesNothing() {
        Answer wrongFile = uploads.raw("/api/v1/imports/linkedin", "text/csv", Fixtures.bytes("contacts.vcf"));
        Answer unknown = uploads.raw("/api/v1/imports/myspace", "text/csv", Fixtures.bytes("contacts.vcf"));
        Answer badTier =
                uploads.raw("/api/v1/imports/vcard?tier=best-friends", "text/vcard", Fixtures.bytes("contacts.vcf"));

        assertThat(wrongFile.status()).isEqualTo(400);
        assertThat(wrongFile.json().get("errors").get(0).get("field").asString())
                .isEqualTo("file");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("format");
        assertThat(badTier.json().get("errors").get(0).get("field").asString()).isEqualTo("tier");
        assertThat(contacts().get("total").asInt()).isZero();
    }

    @Test
    void anImportMatchesOnlyTheCallersOwnContacts() {
        upload("linkedin", "linkedin-connections.csv", "");
        Uploads other = new Uploads(port, "member-" + UUID.randomUUID());

        Answer theirs = other.raw("/api/v1/imports/linkedin", "text/csv", Fixtures.bytes("linkedin-connections.csv"));

        assertThat(theirs.json().get("created").asInt()).isEqualTo(21);
        assertThat(contacts().get("total").asInt()).isEqualTo(21);
    }

    @Test
    void theImportAndExportEndpointsAreInTheOpenApiDocument() {
        JsonNode paths = api.get("/v3/api-docs").json().get("paths");

        assertThat(paths.has("/api/v1/imports/{format}")).isTrue();
        assertThat(paths.has("/api/v1/contacts/export.vcf")).isTrue();
        assertThat(paths.has("/api/v1/contacts/export.csv")).isTrue();
        assertThat(paths.has("/api/v1/contacts/{id}.vcf")).isTrue();
        assertThat(paths.has("/api/v1/contacts/me/card")).isTrue();
        assertThat(paths.has("/api/v1/contacts/me/card.vcf")).isTrue();
        JsonNode importOperation = paths.get("/api/v1/imports/{format}").get("post");
        assertThat(importOperation.get("requestBody").get("content").has("text/csv"))
                .isTrue();
    }

    @Test
    void aNamesakeThatCouldBeEitherOfTwoProfilesIsOfferedAsAPossibleDuplicateToMergeOrDismiss() {
        byte[] linkedIn = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
                        + "María,García,https://www.linkedin.com/in/maria-garcia-1,,Accenture,Analyst,12 Mar 2024\r\n"
                        + "María,García,https://www.linkedin.com/in/maria-garcia-2,,Accenture,Manager,13 Mar 2024\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:García;María;;;\r\nFN:María García\r\nORG:Accenture\r\n"
                        + "TEL:+34 600 000 001\r\nEND:VCARD\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(uploads.raw("/api/v1/imports/linkedin", "text/csv", linkedIn)
                        .json()
                        .get("created")
                        .asInt())
                .as("two profiles, two people")
                .isEqualTo(2);

        JsonNode report =
                uploads.raw("/api/v1/imports/vcard", "text/vcard", card).json();

        assertThat(report.get("created").asInt())
                .as("not merged into either of them")
                .isEqualTo(1);
        assertThat(report.get("merged").asInt()).isZero();
        assertThat(report.get("possibleDuplicates").asInt()).isEqualTo(2);
        JsonNode duplicates = api.get("/api/v1/contacts/duplicates").json();
        assertThat(duplicates.get("items")).hasSize(2);
        assertThat(duplicates.get("items").get(0).get("reason").asString()).isEqualTo("same-name-and-company");
        String keyless = contactWithPhone().get("id").asString();
        JsonNode first = duplicates.get("items").get(0);
        String profile = first.get("contacts").get(0).get("id").asString().equals(keyless)
                ? first.get("contacts").get(1).get("id").asString()
                : first.get("contacts").get(0).get("id").asString();

        Answer merged = api.post(
                "/api/v1/contacts/duplicates/" + first.get("id").asString() + "/merge",
                java.util.Map.of("keep", profile));
        Answer dismissed = api.post(
                "/api/v1/contacts/duplicates/"
                        + duplicates.get("items").get(1).get("id").asString() + "/dismiss",
                null);

        assertThat(merged.status()).as(merged.raw().body()).isEqualTo(200);
        assertThat(merged.json().get("archivedContactId").asString()).isEqualTo(keyless);
        assertThat(dismissed.status()).isEqualTo(204);
        assertThat(texts(api.get("/api/v1/contacts/" + profile).json().get("phones")))
                .containsExactly("+34 600 000 001");
        assertThat(api.get("/api/v1/contacts/duplicates").json().get("items")).isEmpty();
        assertThat(api.post("/api/v1/contacts/duplicates/" + first.get("id").asString() + "/merge", null)
                        .status())
                .isEqualTo(409);
        JsonNode again =
                uploads.raw("/api/v1/imports/vcard", "text/vcard", card).json();
        assertThat(again.get("created").asInt())
                .as("re-importing creates nothing")
                .isZero();
        assertThat(api.get("/api/v1/contacts/duplicates").json().get("items"))
                .as("a dismissed pair is not offered again")
                .isEmpty();
        assertThat(ApiClient.asMember(port, "someone-else")
                        .post("/api/v1/contacts/duplicates/" + first.get("id").asString() + "/dismiss", null)
                        .status())
                .isEqualTo(404);
    }

    private JsonNode contactWithPhone() {
        for (JsonNode contact : contacts().get("items")) {
            if (contact.get("phones").size() > 0) {
                return contact;
            }
        }
        throw new AssertionError("no contact with a phone");
    }
}

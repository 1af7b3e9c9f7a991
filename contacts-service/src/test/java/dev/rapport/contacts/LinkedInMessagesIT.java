package dev.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.ApiClient.Answer;
import dev.rapport.testkit.RapportIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * LinkedIn's messages.csv through the imports API: messages with contacts become linkedin-message interactions
 * (matched by profile URL or an unambiguous name, direction from the sender), once however often the file is
 * imported, with the imports' report, dry run and jobs.
 */
@RapportIntegrationTest
@TestPropertySource(properties = "rapport.test.context=imports")
class LinkedInMessagesIT {

    private static final String PATH = "/api/v1/imports/linkedin-messages";

    @LocalServerPort
    int port;

    String member;
    ApiClient api;
    Uploads uploads;
    String ana;
    String jose;
    String priya;

    @BeforeEach
    void memberWithContacts() {
        member = "member-" + UUID.randomUUID();
        api = ApiClient.asMember(port, member);
        uploads = new Uploads(port, member);
        ana = add(Map.of(
                "firstName", "Ana",
                "lastName", "Gómez",
                "profileUrls", List.of("https://es.linkedin.com/in/ana-gomez-4b1a2c/")));
        jose = add(Map.of("firstName", "José", "lastName", "Núñez", "emails", List.of("jose.nunez@example.com")));
        priya = add(Map.of(
                "firstName", "Priya",
                "lastName", "Sharma",
                "profileUrls", List.of("linkedin.com/in/priya-sharma")));
        add(Map.of("firstName", "María", "lastName", "García", "company", "Accenture"));
        add(Map.of("firstName", "María", "lastName", "García", "company", "Globant"));
    }

    private String add(Map<String, Object> contact) {
        Answer answer = api.post("/api/v1/contacts", contact);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        return answer.json().get("id").asString();
    }

    static byte[] fixture() {
        try (InputStream in = LinkedInMessagesIT.class.getResourceAsStream("/capture/linkedin-messages.csv")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer upload(String query, byte[] file) {
        return uploads.raw(PATH + query, "text/csv", file);
    }

    private List<JsonNode> interactionsWith(String contactId) {
        List<JsonNode> found = new ArrayList<>();
        api.get("/api/v1/contacts/" + contactId + "/interactions").json().forEach(found::add);
        return found;
    }

    @Test
    void messagesWithContactsBecomeInteractionsOncePerMessageAndContactWithTheirDirectionAndNoContent() {
        Answer answer = upload("", fixture());

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        JsonNode report = answer.json();
        assertThat(report.get("format").asString()).isEqualTo("linkedin-messages");
        assertThat(report.get("rows").asInt()).isEqualTo(10);
        assertThat(report.get("created").asInt())
                .as("three with Ana, two with José, the group message")
                .isEqualTo(6);
        assertThat(report.get("skipped").asInt())
                .as("a stranger, an ambiguous María García, a draft")
                .isEqualTo(3);
        assertThat(report.get("rejected").asInt()).isEqualTo(1);
        assertThat(report.get("rejectedRows").get(0).get("line").asInt()).isEqualTo(12);
        assertThat(report.get("rejectedRows").get(0).get("code").asString()).isEqualTo("invalid-message-date");
        assertThat(report.get("warnings").get(0).get("code").asString()).isEqualTo("ambiguous-name");
        assertThat(report.get("warnings").get(0).get("line").asInt()).isEqualTo(10);
        assertThat(report.get("changes")).hasSize(7);

        List<JsonNode> withAna = interactionsWith(ana);
        assertThat(withAna).hasSize(4);
        assertThat(withAna).allSatisfy(i -> {
            assertThat(i.get("type").asString()).isEqualTo("linkedin-message");
            assertThat(i.get("summary").isNull())
                    .as("content is not kept unless asked")
                    .isTrue();
            assertThat(i.get("contactIds")).hasSize(1);
        });
        assertThat(withAna)
                .extracting(i -> i.get("occurredAt").asString() + " "
                        + i.get("direction").asString())
                .containsExactly(
                        "2025-05-20T12:00:00Z outbound",
                        "2025-03-05T18:30:00Z inbound",
                        "2025-03-04T10:01:02Z outbound",
                        "2025-03-04T09:12:44Z inbound");
        assertThat(interactionsWith(jose))
                .extracting(i -> i.get("direction").asString())
                .containsExactly("inbound", "outbound");
        assertThat(interactionsWith(priya)).hasSize(1);
        assertThat(api.get("/api/v1/contacts/" + ana)
                        .json()
                        .get("lastInteractionAt")
                        .asString())
                .isEqualTo("2025-05-20T12:00:00Z");

        try (MemberEvents events = new MemberEvents(member)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> events.of("InteractionLogged").size() == 7);
            assertThat(events.of("InteractionLogged"))
                    .extracting(e -> e.get("type").asString())
                    .containsOnly("linkedin-message");
        }
    }

    @Test
    void importingTheSameMessagesAgainLogsNothingTwice() {
        upload("", fixture());

        JsonNode again = upload("", fixture()).json();

        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("unchanged").asInt()).isEqualTo(6);
        assertThat(again.get("changes")).isEmpty();
        assertThat(interactionsWith(ana)).hasSize(4);
    }

    @Test
    void aDryRunReportsTheSameAndLogsNothing() {
        JsonNode report = upload("?dryRun=true", fixture()).json();

        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(report.get("created").asInt()).isEqualTo(6);
        assertThat(report.get("changes")).hasSize(7);
        assertThat(interactionsWith(ana)).isEmpty();
    }

    @Test
    void theContentIsKeptAsTheSummaryOnlyWhenTheMemberAsks() {
        upload("?content=true", fixture());

        assertThat(interactionsWith(ana))
                .extracting(i -> i.get("summary").asString())
                .contains("Perfecto, nos vemos.\r\nPD: te paso el artículo sobre SLOs, \"el de Google\".");
    }

    @Test
    void whoTheMemberIsMustBeSaidWhenTheFileCannotTellAndMeMustBeInTheFile() {
        byte[] oneConversation = String.join(
                        "\n",
                        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,"
                                + "CONTENT,FOLDER",
                        "c1,,Ana Gómez,https://www.linkedin.com/in/ana-gomez-4b1a2c,Alice Doe,"
                                + "https://www.linkedin.com/in/alice-doe,2025-03-04 09:12:44 UTC,,Hola,INBOX",
                        "")
                .getBytes(StandardCharsets.UTF_8);

        Answer unknown = upload("", oneConversation);
        Answer notInFile = upload("?me=https://www.linkedin.com/in/someone-else", oneConversation);
        Answer given = upload("?me=https://www.linkedin.com/in/alice-doe/", oneConversation);

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.raw().body()).contains("\"me\"");
        assertThat(notInFile.status()).isEqualTo(400);
        assertThat(given.status()).as(given.raw().body()).isEqualTo(200);
        assertThat(interactionsWith(ana))
                .extracting(i -> i.get("direction").asString())
                .containsExactly("inbound");
    }

    @Test
    void aFileThatIsNotMessagesAndOptionsOfOtherFormatsAreRefused() {
        Answer connections = upload("", "First Name,Last Name,URL\nAna,Gómez,x\n".getBytes(StandardCharsets.UTF_8));
        Answer meOnContacts = uploads.raw(
                "/api/v1/imports/linkedin?me=Alice",
                "text/csv",
                "First Name,Last Name\n".getBytes(StandardCharsets.UTF_8));

        assertThat(connections.status()).isEqualTo(400);
        assertThat(connections.raw().body()).contains("\"file\"");
        assertThat(meOnContacts.status()).isEqualTo(400);
        assertThat(meOnContacts.raw().body()).contains("\"me\"");
    }

    @Test
    void aLargeMessagesFileIsImportedAsAJobThatARetriedUploadFinds() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(fixture());
        for (int i = 0; i < 7_000; i++) {
            file.writeBytes(("2-c" + i + ",,Recruiter " + i + ",https://www.linkedin.com/in/recruiter-" + i
                            + ",Alice Doe,https://www.linkedin.com/in/alice-doe,2025-07-01 08:00:00 UTC,An opportunity,"
                            + "\"Hi Alice, I have a role in our Madrid office that fits your profile. Shall we talk?\""
                            + ",INBOX,No\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        assertThat(file.size()).isGreaterThan(1024 * 1024);

        Answer first = upload("", file.toByteArray());
        Answer retried = upload("", file.toByteArray());

        assertThat(first.status()).as(first.raw().body()).isEqualTo(202);
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.header("Location")).isEqualTo(first.header("Location"));
        JsonNode job = await().atMost(Duration.ofSeconds(120))
                .until(
                        () -> api.get(first.header("Location")).json(),
                        j -> "done".equals(j.get("state").asString()));
        assertThat(job.get("format").asString()).isEqualTo("linkedin-messages");
        assertThat(job.get("report").get("created").asInt()).isEqualTo(6);
        assertThat(job.get("report").get("skipped").asInt()).isEqualTo(7_003);
        assertThat(interactionsWith(ana)).hasSize(4);
    }
}

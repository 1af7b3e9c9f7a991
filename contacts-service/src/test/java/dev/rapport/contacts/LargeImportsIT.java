package dev.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rapport.contacts.contacts.ContactDocument;
import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.ApiClient.Answer;
import dev.rapport.testkit.RapportIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Imports at the size of a real network, through the service API: namesakes that are different people,
 * and a 30,000-row LinkedIn export imported as a job (202, then the job to follow), retried without
 * importing twice.
 */
@RapportIntegrationTest
// A context (and database) of its own: tens of thousands of pending outboxes must not crowd other tests' sweeps.
@TestPropertySource(
        properties = {
            "rapport.test.context=large-imports",
            "rapport.contacts.imports.reported-changes=100",
            "rapport.contacts.imports.jobs.lease=PT2S",
            // Jobs start when posted; the sweep that resumes stopped ones is run by the tests themselves.
            "rapport.contacts.imports.jobs.sweep-interval=PT1H"
        })
class LargeImportsIT {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    private long contactsOf(String member) {
        return mongo.count(new Query(Criteria.where("memberId").is(member)), ContactDocument.class);
    }

    @Test
    void twoThousandNamesakesWithTheirOwnProfileUrlsAreTwoThousandContactsAndAReimportCreatesNothing() {
        String member = "member-" + UUID.randomUUID();
        Uploads uploads = new Uploads(port, member);
        byte[] file = LinkedInExports.namesakes(2_000);

        Answer first = uploads.raw("/api/v1/imports/linkedin", "text/csv", file);
        Answer again = uploads.raw("/api/v1/imports/linkedin", "text/csv", file);

        assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
        assertThat(first.json().get("created").asInt()).isEqualTo(2_000);
        assertThat(first.json().get("merged").asInt()).isZero();
        assertThat(first.json().get("possibleDuplicates").asInt())
                .as("different profiles are different people, not possible duplicates")
                .isZero();
        assertThat(contactsOf(member)).isEqualTo(2_000);
        assertThat(again.json().get("created").asInt()).isZero();
        assertThat(again.json().get("unchanged").asInt()).isEqualTo(2_000);
        assertThat(contactsOf(member)).isEqualTo(2_000);
        assertThat(ApiClient.asMember(port, member)
                        .get("/api/v1/contacts/duplicates")
                        .json()
                        .get("items"))
                .isEmpty();
    }

    @Test
    void thirtyThousandRowsImportAsAJobThatARetriedUploadFindsInsteadOfImportingTwice() {
        String member = "member-" + UUID.randomUUID();
        Uploads uploads = new Uploads(port, member);
        byte[] file = LinkedInExports.generate(30_000);

        long start = System.nanoTime();
        Answer posted = uploads.raw("/api/v1/imports/linkedin", "text/csv", file);
        Duration accepted = Duration.ofNanos(System.nanoTime() - start);
        Answer retried = uploads.raw("/api/v1/imports/linkedin", "text/csv", file);

        assertThat(posted.status()).as(posted.raw().body()).isEqualTo(202);
        String location = posted.header("Location");
        assertThat(location).startsWith("/api/v1/imports/jobs/");
        assertThat(posted.json().get("rowsTotal").asInt()).isEqualTo(30_000);
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.header("Location")).as("the same job").isEqualTo(location);

        AtomicReference<JsonNode> job = new AtomicReference<>();
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    // A client per poll: a member's identity assertion lives only a minute.
                    Answer polled = ApiClient.asMember(port, member).get(location);
                    assertThat(polled.status()).as(polled.raw().body()).isEqualTo(200);
                    job.set(polled.json());
                    return !job.get().get("state").asString().matches("queued|running");
                });
        Duration done = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf(
                "30,000-row LinkedIn import: 202 after %d ms, report after %d ms%n",
                accepted.toMillis(), done.toMillis());

        assertThat(job.get().get("state").asString()).as(job.get().toString()).isEqualTo("done");
        assertThat(job.get().get("rowsDone").asInt()).isEqualTo(30_000);
        assertThat(job.get().get("attempts").asInt()).isEqualTo(1);
        JsonNode report = job.get().get("report");
        assertThat(report.get("rows").asInt()).isEqualTo(30_000);
        assertThat(report.get("created").asInt()).isEqualTo(30_000);
        assertThat(report.get("rejected").asInt()).isZero();
        assertThat(report.get("changes")).hasSize(100);
        assertThat(contactsOf(member)).isEqualTo(30_000);

        Answer afterwards = uploads.raw("/api/v1/imports/linkedin", "text/csv", file);
        assertThat(afterwards.status()).isEqualTo(202);
        assertThat(afterwards.header("Location")).isEqualTo(location);
        assertThat(afterwards.json().get("state").asString()).isEqualTo("done");
        assertThat(contactsOf(member)).as("nothing imported twice").isEqualTo(30_000);
        assertThat(mongo.getCollection("import_files").countDocuments(new org.bson.Document("memberId", member)))
                .as("the stored file is removed once imported")
                .isZero();
    }

    @Test
    void aLargeFileThatIsNotOfItsFormatIsRefusedAtOnceAndMakesNoJob() {
        String member = "member-" + UUID.randomUUID();
        byte[] notCsv = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nEND:VCARD\r\n"
                .repeat(60_000)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        Answer answer = new Uploads(port, member).raw("/api/v1/imports/linkedin", "text/csv", notCsv);

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(mongo.getCollection("import_jobs").countDocuments(new org.bson.Document("memberId", member)))
                .isZero();
        assertThat(mongo.getCollection("import_files").countDocuments(new org.bson.Document("memberId", member)))
                .isZero();
    }
}

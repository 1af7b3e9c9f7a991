package dev.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rapport.contacts.contacts.ContactDocument;
import dev.rapport.testkit.ApiClient.Answer;
import dev.rapport.testkit.RapportIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

/**
 * A guard against imports that query once per row: 3,000 rows import, and import again, well within
 * a generous bound on the embedded store (the 30,000-row figure is measured by {@link ImportBenchmarkIT}).
 */
@RapportIntegrationTest
// A context (and database) of its own: thousands of pending outboxes must not crowd other tests' sweeps.
@TestPropertySource(properties = "rapport.contacts.imports.reported-changes=100")
class ImportPerformanceIT {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Test
    void threeThousandRowsImportAndReimportWithinTheBoundAndEveryContactAddedIsPublished() {
        String member = "member-" + UUID.randomUUID();
        Uploads uploads = new Uploads(port, member);
        byte[] file = LinkedInExports.generate(3_000);

        long start = System.nanoTime();
        Answer first = uploads.raw("/api/v1/imports/linkedin", "text/csv", file);
        Duration firstTook = Duration.ofNanos(System.nanoTime() - start);
        start = System.nanoTime();
        Answer again = uploads.raw("/api/v1/imports/linkedin", "text/csv", file);
        Duration againTook = Duration.ofNanos(System.nanoTime() - start);

        assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
        assertThat(first.json().get("created").asInt()).isEqualTo(3_000);
        assertThat(again.json().get("unchanged").asInt()).isEqualTo(3_000);
        assertThat(firstTook).as("first import").isLessThan(BOUND);
        assertThat(againTook).as("re-import").isLessThan(BOUND);
        assertThat(first.json().get("changes")).hasSize(100);
        assertThat(first.json().get("changesTruncated").asBoolean()).isTrue();
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> mongo.count(
                                new Query(Criteria.where("memberId")
                                        .is(member)
                                        .and("outbox.0")
                                        .exists(true)),
                                ContactDocument.class)
                        == 0);
    }
}

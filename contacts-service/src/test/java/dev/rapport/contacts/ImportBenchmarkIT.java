package dev.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rapport.contacts.contacts.ContactDocument;
import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.ApiClient.Answer;
import dev.rapport.testkit.RapportIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/**
 * The import benchmark (not part of the normal build): a 30,000-row LinkedIn Connections.csv (LinkedIn's
 * connection limit) imported over HTTP through the real service on the embedded Kafka broker and
 * MongoDB-wire server, then imported again, then dry-run; the figures go to docs/benchmarks.md.
 * Run it with {@code ./mvnw -B -pl contacts-service verify -Pbenchmark}.
 */
@Tag("benchmark")
@RapportIntegrationTest
class ImportBenchmarkIT {

    static final int ROWS = 30_000;
    static final String COMMAND = "./mvnw -B -pl contacts-service verify -Pbenchmark";

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Test
    void thirtyThousandLinkedInConnectionsImportInSeconds() throws IOException {
        String member = "benchmark-" + UUID.randomUUID();
        Uploads uploads = new Uploads(port, member);
        byte[] file = LinkedInExports.generate(ROWS);
        // One small import first, so that the figures are not those of a cold JVM.
        uploads.raw("/api/v1/imports/linkedin", "text/csv", LinkedInExports.generate(500));
        String fresh = "benchmark-" + UUID.randomUUID();
        uploads = new Uploads(port, fresh);

        long start = System.nanoTime();
        JsonNode first = report(fresh, uploads.raw("/api/v1/imports/linkedin", "text/csv", file));
        Duration firstTook = since(start);
        assertThat(first.get("created").asInt()).isEqualTo(ROWS);

        start = System.nanoTime();
        await().atMost(Duration.ofMinutes(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> pending(fresh) == 0);
        Duration relayTook = since(start);

        start = System.nanoTime();
        // Another tier makes it another import (the same upload again would answer the same job).
        JsonNode again = report(fresh, uploads.raw("/api/v1/imports/linkedin?tier=regular", "text/csv", file));
        Duration againTook = since(start);
        assertThat(again.get("unchanged").asInt()).isEqualTo(ROWS);

        start = System.nanoTime();
        Answer dryRun = uploads.raw("/api/v1/imports/linkedin?dryRun=true", "text/csv", file);
        Duration dryRunTook = since(start);
        assertThat(dryRun.json().get("unchanged").asInt()).isEqualTo(ROWS);

        write(file.length, firstTook, relayTook, againTook, dryRunTook);
        assertThat(firstTook).as("30,000 rows import in seconds, not minutes").isLessThan(Duration.ofSeconds(60));
    }

    /** The report: answered at once (200), or that of the job a 202 points to, once it is done. */
    private JsonNode report(String member, Answer answer) {
        if (answer.status() == 200) {
            return answer.json();
        }
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(202);
        String location = answer.header("Location");
        AtomicReference<JsonNode> job = new AtomicReference<>();
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    job.set(ApiClient.asMember(port, member).get(location).json());
                    return job.get().get("state").asString().equals("done");
                });
        return job.get().get("report");
    }

    private long pending(String member) {
        return mongo.count(
                new Query(Criteria.where("memberId").is(member).and("outbox.0").exists(true)), ContactDocument.class);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static void write(long bytes, Duration first, Duration relay, Duration again, Duration dryRun)
            throws IOException {
        Path report = Path.of(System.getProperty("user.dir"))
                .resolve("../docs/benchmarks.md")
                .normalize();
        String text = """
                # Benchmarks

                Written by `ImportBenchmarkIT` (contacts-service); reproduce with (a JDK 21 or later as `JAVA_HOME`):

                ```bash
                %s
                ```

                ## Importing a LinkedIn Connections.csv of %,d rows

                LinkedIn's connection limit is 30,000. The file (%,d bytes, generated in LinkedIn's layout: BOM,
                `Notes:` preamble, CRLF, quoted fields, an e-mail on one row in ten) is sent to
                `POST /api/v1/imports/linkedin` over HTTP; the service runs on the embedded Kafka broker and the
                embedded MongoDB-wire server (`mongo-java-server`, in memory), as the integration tests do.

                | step | time |
                | --- | --- |
                | first import: %,d contacts created, each with its `ContactAdded` in its outbox (from the upload to the job's report: `202`, then `GET` of the job every 100 ms) | %s |
                | the %,d `ContactAdded` events published to Kafka by the outbox relay, after the import answered | %s |
                | the same file again (with another `tier`, so that it is a new job rather than the same one): %,d rows unchanged, nothing written | %s |
                | the same file as a dry run | %s |

                Measured on %s, %d cores available to the JVM, Java %s. One member's match keys are loaded
                once per import into in-memory maps (profile URL, e-mail, name and company); new contacts are
                inserted in batches of 1,000; nothing is queried per row. The relay figure is that of the
                embedded store, where every outbox claim scans the collection (it has no secondary indexes); on
                MongoDB the claim is an `_id` lookup.
                """.formatted(
                        COMMAND,
                        ROWS,
                        bytes,
                        ROWS,
                        seconds(first),
                        ROWS,
                        seconds(relay),
                        ROWS,
                        seconds(again),
                        seconds(dryRun),
                        LocalDate.now(),
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"));
        Files.writeString(report, text);
    }
}

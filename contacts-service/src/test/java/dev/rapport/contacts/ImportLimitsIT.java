package dev.rapport.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.ApiClient.Answer;
import dev.rapport.testkit.RapportIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** The size and row limits of imports: a clear 413 problem, and nothing imported. */
@RapportIntegrationTest
@TestPropertySource(
        properties = {
            "rapport.contacts.imports.max-rows=5",
            "rapport.contacts.imports.max-file-size=3KB",
            // Files over 1 KB take the path of import jobs: stored, then checked before any job is made.
            "rapport.contacts.imports.jobs.async-above=1KB"
        })
class ImportLimitsIT {

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    String member;
    Uploads uploads;

    @BeforeEach
    void member() {
        member = "member-" + UUID.randomUUID();
        uploads = new Uploads(port, member);
    }

    private long contacts() {
        return ApiClient.asMember(port, member)
                .get("/api/v1/contacts")
                .json()
                .get("total")
                .asLong();
    }

    @Test
    void aFileWithMoreRowsThanAllowedIsRefusedWhole() {
        Answer answer = uploads.raw("/api/v1/imports/linkedin", "text/csv", LinkedInExports.generate(6));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("detail").asString()).contains("more than 5 rows");
        assertThat(answer.json().get("maxRows").asInt()).isEqualTo(5);
        assertThat(contacts()).isZero();
    }

    @Test
    void aFileLargerThanAllowedIsRefusedWhetherSentAsABodyOrAsAForm() {
        byte[] large = LinkedInExports.generate(5);
        byte[] larger = new byte[large.length + 4096];
        System.arraycopy(large, 0, larger, 0, large.length);
        java.util.Arrays.fill(larger, large.length, larger.length, (byte) '\n');

        Answer body = uploads.raw("/api/v1/imports/linkedin", "text/csv", larger);
        Answer form = uploads.multipart("/api/v1/imports/linkedin", "Connections.csv", larger);

        assertThat(body.status()).isEqualTo(413);
        assertThat(body.contentType()).startsWith("application/problem+json");
        assertThat(body.json().get("maxFileSize").asLong()).isEqualTo(3 * 1024);
        assertThat(form.status()).isEqualTo(413);
        assertThat(form.contentType()).startsWith("application/problem+json");
        assertThat(contacts()).isZero();
    }

    @Test
    void aFileWithinTheLimitsIsImported() {
        Answer answer = uploads.raw("/api/v1/imports/linkedin", "text/csv", LinkedInExports.generate(5));

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        assertThat(answer.json().get("created").asInt()).isEqualTo(5);
    }

    @Test
    void aFileLargeEnoughForAJobWithMoreRowsThanAllowedIsRefusedAtOnceAndMakesNoJob() {
        byte[] file = LinkedInExports.generate(20);
        assertThat(file.length).as("above async-above, below max-file-size").isBetween(1025, 3 * 1024);

        Answer answer = uploads.raw("/api/v1/imports/linkedin", "text/csv", file);

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(413);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("maxRows").asInt()).isEqualTo(5);
        assertThat(contacts()).isZero();
        assertThat(mongo.getCollection("import_jobs").countDocuments(new org.bson.Document("memberId", member)))
                .isZero();
        assertThat(mongo.getCollection("import_files").countDocuments(new org.bson.Document("memberId", member)))
                .as("the stored upload is removed")
                .isZero();
    }
}

package dev.rapport.contacts.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import dev.rapport.contacts.contacts.ContactDocument;
import dev.rapport.contacts.imports.domain.ImportFormat;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.testkit.RapportIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

/**
 * An import job whose instance stops half-way (its contacts of a batch written, its progress not yet
 * saved) is resumed by another attempt once its lease runs out, and finishes with exact counts: nothing
 * imported twice, nothing missing, every row reported as what it did.
 */
@RapportIntegrationTest
@TestPropertySource(
        properties = {
            "rapport.test.context=import-jobs",
            "rapport.contacts.imports.jobs.lease=PT10S",
            "rapport.contacts.imports.jobs.async-above=64KB",
            "rapport.contacts.imports.jobs.sweep-interval=PT1H"
        })
class ImportJobResumeIT {

    @Autowired
    ImportJobs jobs;

    @Autowired
    ImportJobRunner runner;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MeterRegistry meters;

    @Test
    void aJobStoppedBetweenWritingABatchAndSavingItsProgressResumesAndReportsExactCounts() {
        String member = "member-" + UUID.randomUUID();
        IdentityAssertion caller = new IdentityAssertion(
                member, "alumni", Set.of("contacts:write"), Instant.now().plusSeconds(600));
        StringBuilder csv = new StringBuilder("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
        for (int i = 0; i < 3_500; i++) {
            csv.append("Ana,Resumed ")
                    .append(i)
                    .append(",https://www.linkedin.com/in/resumed-")
                    .append(i);
            csv.append(",,Acme,Engineer,12 Mar 2024\n");
        }
        csv.append("only one column\n");
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        ImportService.Request request =
                new ImportService.Request(ImportFormat.LINKEDIN, StandardCharsets.UTF_8, false, null, Locale.ENGLISH);

        ImportJobs.Submitted submitted = jobs.submit(caller, new ByteArrayInputStream(file), request);
        String id = ((ImportJobs.Submitted.Job) submitted).job().id();
        double stoppedBefore = jobsEnded("stopped");
        double completedBefore = jobsEnded("completed");
        boolean finished = runner.run(id, done -> {
            assertThat(meters.get("rapport.imports.jobs.running").gauge().value())
                    .as("running on this instance while its batches are written")
                    .isEqualTo(1);
            if (done > 2_000) {
                throw new ImportJobRunner.Interrupted("the instance stops after its second batch is written");
            }
        });

        assertThat(finished).isFalse();
        assertThat(jobsEnded("stopped") - stoppedBefore).isEqualTo(1);
        assertThat(meters.get("rapport.imports.jobs.running").gauge().value()).isZero();
        ImportJob stopped = jobs.get(caller, id);
        assertThat(stopped.state()).isEqualTo("running");
        assertThat(stopped.rowsDone())
                .as("the second batch's progress was never saved")
                .isEqualTo(1_001);
        assertThat(contactsOf(member)).isEqualTo(2_000);
        assertThat(mongo.getCollection(ImportJobs.ROWS).countDocuments(Filters.eq("jobId", id)))
                .as("the rows of the two batches begun, recorded apart from the job")
                .isEqualTo(2);
        assertThat(mongo.getCollection(ImportJobs.COLLECTION)
                        .find(Filters.eq("_id", id))
                        .first())
                .as("the job stays small: no list of rows on it")
                .doesNotContainKey("written");

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    runner.sweep();
                    return jobs.get(caller, id).state().equals("done");
                });

        ImportJob resumed = jobs.get(caller, id);
        assertThat(resumed.attempts()).isEqualTo(2);
        assertThat(jobsEnded("completed") - completedBefore)
                .as("this job's second attempt (the sweeps may have finished another test's job too)")
                .isGreaterThanOrEqualTo(1);
        assertThat(resumed.rowsDone()).isEqualTo(3_501);
        ImportReport report = resumed.report();
        assertThat(report.rows()).isEqualTo(3_501);
        assertThat(report.created()).isEqualTo(3_500);
        assertThat(report.unchanged()).isZero();
        assertThat(report.rejected()).isEqualTo(1);
        assertThat(contactsOf(member)).isEqualTo(3_500);
        assertThat(mongo.getCollection(ImportJobs.ROWS).countDocuments(Filters.eq("jobId", id)))
                .as("deleted with the job's end")
                .isZero();

        ImportJobs.Submitted again = jobs.submit(caller, new ByteArrayInputStream(file), request);
        assertThat(((ImportJobs.Submitted.Job) again).job().id())
                .as("a retried upload answers the same job")
                .isEqualTo(id);
        assertThat(((ImportJobs.Submitted.Job) again).isNew()).isFalse();
    }

    @Test
    void ofTwoInstancesClaimingOneJobOnlyOneGetsItUntilItsLeaseRunsOut() {
        String member = "member-" + UUID.randomUUID();
        IdentityAssertion caller = new IdentityAssertion(
                member, "alumni", Set.of("contacts:write"), Instant.now().plusSeconds(600));
        StringBuilder csv = new StringBuilder("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
        for (int i = 0; i < 1_500; i++) {
            csv.append("Ana,Claimed ").append(i).append(",,,Acme,Engineer,12 Mar 2024\n");
        }
        String id = ((ImportJobs.Submitted.Job) jobs.submit(
                        caller,
                        new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                        new ImportService.Request(
                                ImportFormat.LINKEDIN, StandardCharsets.UTF_8, false, null, Locale.ENGLISH)))
                .job()
                .id();

        assertThat(jobs.claim(id, "instance-a")).isPresent();
        assertThat(jobs.claim(id, "instance-b"))
                .as("while instance-a's lease holds")
                .isEmpty();
        assertThat(jobs.progress(id, "instance-b", com.mongodb.client.model.Updates.set("rowsDone", 9)))
                .as("only the owner saves progress")
                .isFalse();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> jobs.claim(id, "instance-b").isPresent());
        assertThat(jobs.progress(id, "instance-a", com.mongodb.client.model.Updates.set("rowsDone", 9)))
                .as("instance-a lost the job with its lease")
                .isFalse();
    }

    private long contactsOf(String member) {
        return mongo.count(new Query(Criteria.where("memberId").is(member)), ContactDocument.class);
    }

    /** How many attempts at import jobs ended so far ({@code rapport_imports_jobs_total{outcome}}). */
    private double jobsEnded(String outcome) {
        Counter counter =
                meters.find("rapport.imports.jobs").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}

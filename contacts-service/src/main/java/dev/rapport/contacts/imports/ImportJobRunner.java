package dev.rapport.contacts.imports;

import com.mongodb.client.model.Updates;
import dev.rapport.support.web.ApiException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs import jobs on this instance: a new job at once, and every {@code sweep-interval} the jobs that
 * wait or whose instance stopped (their lease ran out), each claimed atomically so that one instance
 * runs it. A job saves its progress after every batch; any failure leaves it to its lease, like a
 * crash, and the next attempt resumes it, until {@code max-attempts}.
 */
@Component
@EnableConfigurationProperties(ImportJobProperties.class)
class ImportJobRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportJobRunner.class);

    /** Thrown by a batch listener to stop a job as a crash would, for tests of resuming. */
    static final class Interrupted extends RuntimeException {
        Interrupted(String message) {
            super(message);
        }
    }

    private final ImportJobs jobs;
    private final ImportService imports;
    private final ImportFiles files;
    private final ImportLock lock;
    private final ImportJobProperties settings;
    private final String instance = UUID.randomUUID().toString();
    private final ExecutorService workers;
    private final MeterRegistry meters;
    /** The jobs this instance is running now ({@code rapport_imports_jobs_running}). */
    private final AtomicInteger running = new AtomicInteger();

    ImportJobRunner(
            ImportJobs jobs,
            ImportService imports,
            ImportFiles files,
            ImportLock lock,
            ImportJobProperties settings,
            MeterRegistry meters) {
        this.jobs = jobs;
        this.imports = imports;
        this.files = files;
        this.lock = lock;
        this.settings = settings;
        this.meters = meters;
        Gauge.builder("rapport.imports.jobs.running", running, AtomicInteger::get)
                .description("Import jobs this instance is running now")
                .register(meters);
        // Every outcome exported from the start, at 0: a dashboard's increase() needs the series before the first job.
        OUTCOMES.forEach(outcome -> meters.counter("rapport.imports.jobs", "outcome", outcome));
        this.workers = new ThreadPoolExecutor(
                settings.workers(),
                settings.workers(),
                0,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(100),
                Thread.ofPlatform().name("import-job-", 0).daemon().factory());
    }

    /** Starts a job on this instance now (a sweep would start it later anyway). */
    void start(String jobId) {
        try {
            workers.execute(() -> run(jobId, done -> {}));
        } catch (RejectedExecutionException busy) {
            log.info("Import job {} waits for the next sweep: this instance is busy", jobId);
        }
    }

    @Scheduled(
            fixedDelayString = "${rapport.contacts.imports.jobs.sweep-interval:PT5S}",
            initialDelayString = "${rapport.contacts.imports.jobs.sweep-interval:PT5S}")
    void sweep() {
        for (String id : jobs.claimable(settings.workers())) {
            start(id);
        }
    }

    /**
     * Claims and runs a job; {@code afterBatch} is told the rows done after every saved batch. Answers
     * whether this instance ran it to its end.
     */
    boolean run(String jobId, IntConsumer afterBatch) {
        running.incrementAndGet();
        try {
            return attempt(jobId, afterBatch);
        } finally {
            running.decrementAndGet();
        }
    }

    /**
     * How an attempt at a job ended, counted as {@code rapport_imports_jobs_total{outcome}}: {@code completed} (its
     * report is there), {@code failed} (the job ended with an error), {@code stopped} (left to its lease: a later
     * attempt resumes it) or {@code deferred} (the member's other import holds the member: a sweep starts it later).
     */
    private static final List<String> OUTCOMES = List.of("completed", "failed", "stopped", "deferred");

    private void ended(String outcome) {
        meters.counter("rapport.imports.jobs", "outcome", outcome).increment();
    }

    private boolean attempt(String jobId, IntConsumer afterBatch) {
        long start = System.nanoTime();
        String owner = instance + "/" + UUID.randomUUID();
        Document job = jobs.claim(jobId, owner).orElse(null);
        if (job == null) {
            return false;
        }
        int attempts = job.getInteger("attempts");
        if (attempts > settings.maxAttempts()) {
            jobs.fail(
                    job,
                    owner,
                    new ImportJob.Error(
                            500,
                            "Import stopped",
                            "the import stopped " + settings.maxAttempts()
                                    + " times before its end; the rows imported are kept: upload the file again"
                                    + " to import the rest"));
            ended("failed");
            return false;
        }
        String memberId = job.getString("memberId");
        try {
            ImportReport report = lock.whileHeld(memberId, jobId, () -> {
                try (InputStream file = files.open(job.getString("fileId"), job.getInteger("chunks"))) {
                    return imports.run(
                            memberId,
                            job.getString("tenantId"),
                            file,
                            ImportJobs.request(job),
                            new Saving(jobId, owner, attempts, jobs.written(job), afterBatch));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            boolean finished = jobs.finish(job, owner, report);
            ended(finished ? "completed" : "stopped");
            log.info(
                    "Import job {} ({} rows, attempt {}) done in {} ms: {} created, {} merged, {} unchanged, {} rejected",
                    jobId,
                    report.rows(),
                    attempts,
                    java.time.Duration.ofNanos(System.nanoTime() - start).toMillis(),
                    report.created(),
                    report.merged(),
                    report.unchanged(),
                    report.rejected());
            return finished;
        } catch (ApiException e) {
            if (e.status().value() == 409) {
                jobs.release(jobId, owner);
                ended("deferred");
                return false;
            }
            jobs.fail(job, owner, new ImportJob.Error(e.status().value(), "Import failed", e.getMessage()));
            ended("failed");
            return false;
        } catch (RuntimeException e) {
            // Left to its lease, as if this instance had stopped: the next attempt resumes where it stood.
            log.warn("Import job {} stopped (attempt {}): {}", jobId, attempts, e.toString());
            ended("stopped");
            return false;
        }
    }

    /** Saves a job's progress: the rows of each batch before it is written, the count after. */
    private final class Saving implements ImportProgress {
        private final String jobId;
        private final String owner;
        private final int attempt;
        private final Map<Long, Written> earlier;
        private final IntConsumer afterBatch;
        private int batches;

        Saving(String jobId, String owner, int attempt, Map<Long, Written> earlier, IntConsumer afterBatch) {
            this.jobId = jobId;
            this.owner = owner;
            this.attempt = attempt;
            this.earlier = earlier;
            this.afterBatch = afterBatch;
        }

        @Override
        public int batch() {
            return ImportService.BATCH;
        }

        @Override
        public Map<Long, Written> earlier() {
            return earlier;
        }

        @Override
        public void planned(int rows, int done) {
            save(Updates.combine(Updates.set("rowsTotal", rows), Updates.set("rowsDone", done)));
        }

        @Override
        public void beforeBatch(List<Written> rows) {
            // The lease was checked and extended just before (planned, or the previous batch's afterBatch), and only
            // in-memory work came since: an attempt that lost it has already stopped. A record left behind by one
            // that loses it now is harmless (recordBatch).
            if (!rows.isEmpty()) {
                jobs.recordBatch(jobId, attempt, ++batches, rows);
            }
        }

        @Override
        public void afterBatch(int done) {
            afterBatch.accept(done);
            save(Updates.set("rowsDone", done));
        }

        private void save(org.bson.conversions.Bson change) {
            if (!jobs.progress(jobId, owner, change)) {
                throw new Interrupted("the lease of import job " + jobId + " was lost");
            }
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}

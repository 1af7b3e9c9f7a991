package dev.rapport.contacts.imports;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.rapport.contacts.ContactsProperties;
import dev.rapport.contacts.domain.Tier;
import dev.rapport.contacts.imports.domain.ImportFormat;
import dev.rapport.contacts.imports.domain.ImportPlanner.Action;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Import jobs in the store (collection {@code import_jobs}): made from an uploaded file, claimed with a
 * lease by one instance at a time (an atomic conditional update), their progress saved per batch, then
 * their report. A job's id is derived from the member, the file's SHA-256 and the options, so that a
 * retried upload finds the job it already made instead of importing twice.
 */
@Service
public class ImportJobs {

    static final String COLLECTION = "import_jobs";
    /**
     * The rows each batch of a job was about to write ({@code {_id: job/attempt/batch, jobId, rows}}), apart from the
     * job itself: pushed onto the job, they made it a document of 30,000 entries that every progress save, lease
     * extension and status poll copied whole (15 s of a 40 s import, JFR).
     */
    static final String ROWS = "import_job_rows";

    private final MongoTemplate mongo;
    private final ImportFiles files;
    private final ImportService imports;
    private final JsonMapper json;
    private final Clock clock;
    private final ImportJobProperties settings;
    private final ContactsProperties.Imports limits;

    ImportJobs(
            MongoTemplate mongo,
            ImportFiles files,
            ImportService imports,
            JsonMapper json,
            Clock clock,
            ImportJobProperties settings,
            ContactsProperties properties) {
        this.mongo = mongo;
        this.files = files;
        this.imports = imports;
        this.json = json;
        this.clock = clock;
        this.settings = settings;
        this.limits = properties.imports();
    }

    /** What an upload became: a report at once (a small file or a dry run) or a job, new or found again. */
    public sealed interface Submitted {
        record Imported(ImportReport report) implements Submitted {}

        record Job(ImportJob job, boolean isNew) implements Submitted {}
    }

    MongoCollection<Document> jobs() {
        return mongo.getCollection(COLLECTION);
    }

    private MongoCollection<Document> rows() {
        return mongo.getCollection(ROWS);
    }

    /**
     * Imports a file: at once when it is a dry run or not larger than {@code async-above}; otherwise stores
     * it, checks that it can be imported (400 / 413 at once, as for a small file) and makes a queued job
     * (or answers the job an earlier upload of the same file made).
     */
    public Submitted submit(IdentityAssertion caller, InputStream body, ImportService.Request request) {
        if (request.dryRun()) {
            return new Submitted.Imported(imports.importFile(caller, body, request));
        }
        byte[] head;
        try {
            head = body.readNBytes((int) settings.asyncAbove().toBytes() + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (head.length <= settings.asyncAbove().toBytes()) {
            return new Submitted.Imported(imports.importFile(caller, new java.io.ByteArrayInputStream(head), request));
        }
        ImportFiles.Stored file;
        try {
            file = files.store(
                    caller.memberId(),
                    head,
                    new LimitedInputStream(body, limits.maxFileSize().toBytes() - head.length));
        } catch (LimitedInputStream.TooLargeException e) {
            throw new ApiException(
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    "File too large",
                    "the file is larger than " + limits.maxFileSize().toMegabytes() + " MB: split it",
                    Map.of("maxFileSize", limits.maxFileSize().toBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String id = jobId(caller.memberId(), request, file.sha256());
        Optional<ImportJob> existing = find(caller.memberId(), id);
        if (existing.isPresent()
                && !expired(existing.get())
                && !ImportJob.FAILED.equals(existing.get().state())) {
            files.delete(file.fileId(), file.chunks());
            return new Submitted.Job(existing.get(), false);
        }
        int rows;
        try (InputStream stored = files.open(file.fileId(), file.chunks())) {
            rows = imports.validate(stored, request);
        } catch (IOException | RuntimeException e) {
            files.delete(file.fileId(), file.chunks());
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new UncheckedIOException((IOException) e);
        }
        Date now = Date.from(clock.instant());
        Document job = new Document("_id", id)
                .append("memberId", caller.memberId())
                .append("tenantId", caller.tenantId())
                .append("format", request.format().id())
                .append("charset", request.charset().name())
                .append("tier", request.tier() == null ? null : request.tier().id())
                .append("me", request.me())
                .append("content", request.content())
                .append(
                        "locale",
                        request.locale() == null ? null : request.locale().toLanguageTag())
                .append("fileId", file.fileId())
                .append("chunks", file.chunks())
                .append("bytes", file.bytes())
                .append("sha256", file.sha256())
                .append("state", ImportJob.QUEUED)
                .append("rowsTotal", rows)
                .append("rowsDone", 0)
                .append("attempts", 0)
                .append("leaseUntil", new Date(0))
                .append("submittedAt", now);
        if (existing.isPresent()) {
            // An ended job of the same file, failed or past its retry window: this upload is a new import.
            jobs().deleteOne(Filters.and(
                    Filters.eq("_id", id),
                    Filters.eq("finishedAt", Date.from(existing.get().finishedAt()))));
        }
        try {
            jobs().insertOne(job);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // The same file uploaded twice at once: the other upload made the job.
            files.delete(file.fileId(), file.chunks());
            return new Submitted.Job(find(caller.memberId(), id).orElseThrow(), false);
        }
        return new Submitted.Job(view(job), true);
    }

    /** The caller's job; another member's job answers 404. */
    public ImportJob get(IdentityAssertion caller, String id) {
        return find(caller.memberId(), id).orElseThrow(() -> ApiException.notFound("import job", id));
    }

    private Optional<ImportJob> find(String memberId, String id) {
        // By _id alone, then the member checked: the primary index on every store.
        Document job = jobs().find(Filters.eq("_id", id)).first();
        return job == null || !memberId.equals(job.getString("memberId")) ? Optional.empty() : Optional.of(view(job));
    }

    private boolean expired(ImportJob job) {
        return job.finishedAt() != null
                && job.finishedAt().plus(settings.retryWindow()).isBefore(clock.instant());
    }

    /** Jobs waiting to start or whose lease ran out (their instance stopped), oldest first. */
    List<String> claimable(int limit) {
        Bson filter = Filters.and(
                Filters.in("state", ImportJob.QUEUED, ImportJob.RUNNING),
                Filters.lt("leaseUntil", Date.from(clock.instant())));
        List<String> ids = new ArrayList<>();
        jobs().find(filter).sort(new Document("submittedAt", 1)).limit(limit).forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    /**
     * Claims a job for {@code owner} when it is queued, or running with an expired lease, in one atomic
     * update: of two instances racing for it, one gets it.
     */
    Optional<Document> claim(String id, String owner) {
        Instant now = clock.instant();
        Document claimed = jobs().findOneAndUpdate(
                        Filters.and(
                                Filters.eq("_id", id),
                                Filters.in("state", ImportJob.QUEUED, ImportJob.RUNNING),
                                Filters.lt("leaseUntil", Date.from(now))),
                        Updates.combine(
                                Updates.set("state", ImportJob.RUNNING),
                                Updates.set("owner", owner),
                                Updates.set("leaseUntil", Date.from(now.plus(settings.lease()))),
                                Updates.inc("attempts", 1)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed);
    }

    /** Saves progress and extends the lease; false when the lease was lost (another instance took the job). */
    boolean progress(String id, String owner, Bson change) {
        Instant now = clock.instant();
        return jobs().updateOne(
                                Filters.and(
                                        Filters.eq("_id", id),
                                        Filters.eq("owner", owner),
                                        Filters.eq("state", ImportJob.RUNNING)),
                                Updates.combine(
                                        change, Updates.set("leaseUntil", Date.from(now.plus(settings.lease())))))
                        .getMatchedCount()
                == 1;
    }

    /** Gives a claimed job back without an attempt counted, to be run later (its member's other import is running). */
    void release(String id, String owner) {
        jobs().updateOne(
                        Filters.and(Filters.eq("_id", id), Filters.eq("owner", owner)),
                        Updates.combine(
                                Updates.set(
                                        "leaseUntil", Date.from(clock.instant().plus(settings.sweepInterval()))),
                                Updates.inc("attempts", -1)));
    }

    boolean finish(Document job, String owner, ImportReport report) {
        boolean finished = progress(
                job.getString("_id"),
                owner,
                Updates.combine(
                        Updates.set("state", ImportJob.DONE),
                        Updates.set("rowsDone", report.rows()),
                        Updates.set("report", json.writeValueAsString(report)),
                        Updates.set("finishedAt", Date.from(clock.instant())),
                        Updates.unset("written")));
        discardUploadAndRows(job);
        return finished;
    }

    void fail(Document job, String owner, ImportJob.Error error) {
        progress(
                job.getString("_id"),
                owner,
                Updates.combine(
                        Updates.set("state", ImportJob.FAILED),
                        Updates.set(
                                "error",
                                new Document("status", error.status())
                                        .append("title", error.title())
                                        .append("detail", error.detail())),
                        Updates.set("finishedAt", Date.from(clock.instant()))));
        discardUploadAndRows(job);
    }

    /** The uploaded file and the batches' rows of a job that ended: only its report is kept. */
    private void discardUploadAndRows(Document job) {
        files.delete(job.getString("fileId"), job.getInteger("chunks"));
        rows().deleteMany(Filters.eq("jobId", job.getString("_id")));
    }

    /**
     * What the job's earlier attempts started to write, by line (a later attempt's word on a line counts); a job begun
     * by an earlier version kept them on itself, as {@code written}.
     */
    Map<Long, ImportProgress.Written> written(Document job) {
        Map<Long, ImportProgress.Written> written = new LinkedHashMap<>();
        addRows(job.getList("written", Document.class, List.of()), written);
        for (Document batch :
                rows().find(Filters.eq("jobId", job.getString("_id"))).sort(new Document("_id", 1))) {
            addRows(batch.getList("rows", Document.class, List.of()), written);
        }
        return written;
    }

    private static void addRows(List<Document> rows, Map<Long, ImportProgress.Written> written) {
        for (Document row : rows) {
            long line = ((Number) row.get("l")).longValue();
            written.put(
                    line,
                    new ImportProgress.Written(
                            line, Action.valueOf(row.getString("a")), row.getList("f", String.class, List.of())));
        }
    }

    /**
     * Records the rows batch {@code batch} of attempt {@code attempt} is about to write, before it writes them. Written
     * again as it is when that batch is recorded twice; a record left by an attempt that lost its lease names rows that
     * the next attempt either finds unwritten (and plans again) or written as recorded.
     */
    void recordBatch(String jobId, int attempt, int batch, List<ImportProgress.Written> written) {
        String id = "%s/%04d/%06d".formatted(jobId, attempt, batch);
        List<Document> rows = written.stream()
                .map(row -> new Document("l", row.line())
                        .append("a", row.action().name())
                        .append("f", row.fields()))
                .toList();
        rows().replaceOne(
                        Filters.eq("_id", id),
                        new Document("_id", id).append("jobId", jobId).append("rows", rows),
                        new ReplaceOptions().upsert(true));
    }

    /** The import request a job was made with. */
    static ImportService.Request request(Document job) {
        String tier = job.getString("tier");
        String locale = job.getString("locale");
        return new ImportService.Request(
                ImportFormat.of(job.getString("format")),
                Charset.forName(job.getString("charset")),
                false,
                tier == null ? null : Tier.of(tier),
                locale == null ? Locale.ENGLISH : Locale.forLanguageTag(locale),
                job.getString("me"),
                job.getBoolean("content", false));
    }

    private ImportJob view(Document job) {
        String report = job.getString("report");
        Document error = job.get("error", Document.class);
        Date finished = job.getDate("finishedAt");
        return new ImportJob(
                job.getString("_id"),
                job.getString("format"),
                job.getString("state"),
                job.getInteger("rowsTotal", 0),
                job.getInteger("rowsDone", 0),
                job.getInteger("attempts", 0),
                job.getDate("submittedAt").toInstant(),
                finished == null ? null : finished.toInstant(),
                report == null ? null : json.readValue(report, ImportReport.class),
                error == null
                        ? null
                        : new ImportJob.Error(
                                error.getInteger("status"), error.getString("title"), error.getString("detail")));
    }

    private static String jobId(String memberId, ImportService.Request request, String sha256) {
        var digest = ImportFiles.sha256();
        String key = String.join(
                "\n",
                memberId,
                request.format().id(),
                request.charset().name(),
                request.tier() == null ? "" : request.tier().id(),
                sha256);
        if (request.format().capturesInteractions()) {
            key = String.join("\n", key, request.me() == null ? "" : request.me(), String.valueOf(request.content()));
        }
        return HexFormat.of()
                .formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 32);
    }
}

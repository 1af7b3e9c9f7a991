package dev.rapport.contacts.imports;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * An import running as a job, as the API shows it: where it stands, then its report (or why it failed).
 *
 * @param report the import report once {@code state} is {@code done}
 * @param error why it failed, once {@code state} is {@code failed} (a problem detail)
 */
public record ImportJob(
        String id,
        String format,

        @Schema(description = "queued, running, done or failed")
        String state,

        @Schema(description = "Data rows in the file") int rowsTotal,

        @Schema(description = "Rows imported so far (every row once done)")
        int rowsDone,

        @Schema(description = "Attempts so far: more than 1 when an instance stopped and another resumed the job")
        int attempts,

        Instant submittedAt,
        Instant finishedAt,
        ImportReport report,
        Error error) {

    /** Why a job failed. */
    public record Error(int status, String title, String detail) {}

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
}

package dev.rapport.contacts.imports;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How long imports run as jobs ({@code rapport.contacts.imports.jobs.*}).
 *
 * @param asyncAbove files larger than this run as a job (202 and a Location); smaller ones are imported at once
 * @param lease how long one instance may run a job without saving progress; a crashed instance's job resumes after it
 * @param sweepInterval how often every instance looks for jobs to start or resume
 * @param maxAttempts attempts of a job before it is reported failed
 * @param retryWindow how long after it ended an upload of the same file (same member and options) still answers
 *     the same job instead of importing again
 * @param workers jobs one instance runs at once
 */
@ConfigurationProperties("rapport.contacts.imports.jobs")
public record ImportJobProperties(
        DataSize asyncAbove,
        Duration lease,
        Duration sweepInterval,
        int maxAttempts,
        Duration retryWindow,
        int workers) {

    public ImportJobProperties {
        asyncAbove = asyncAbove == null ? DataSize.ofMegabytes(1) : asyncAbove;
        lease = lease == null ? Duration.ofMinutes(1) : lease;
        sweepInterval = sweepInterval == null ? Duration.ofSeconds(5) : sweepInterval;
        maxAttempts = maxAttempts <= 0 ? 3 : maxAttempts;
        retryWindow = retryWindow == null ? Duration.ofHours(24) : retryWindow;
        workers = workers <= 0 ? 1 : workers;
    }
}

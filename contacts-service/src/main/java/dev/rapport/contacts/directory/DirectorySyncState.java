package dev.rapport.contacts.directory;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Where one tenant's directory sync stands, saved after every page so that a sync interrupted by a
 * crash or an outage resumes from the page it stopped at, and what its last run did.
 */
@Document("directory_sync")
class DirectorySyncState {

    @Id
    String tenantId;

    /** Profiles updated since this instant are asked for (null: all); moved on when a run completes. */
    Instant updatedSince;

    /** The cursor of the next page of the run in progress; null between runs. */
    String cursor;

    /** The latest {@code updatedAt} seen in the run in progress: the next run's {@code updatedSince}. */
    Instant highWater;

    /** While set and in the future, one instance is syncing this tenant. */
    Instant leaseUntil;

    Run lastRun;

    /** What a run did. */
    record Run(
            Instant startedAt,
            Instant finishedAt,
            boolean completed,
            int pages,
            int profiles,
            int linked,
            int milestones,
            List<DirectorySync.Skipped> malformed,
            String error) {}
}

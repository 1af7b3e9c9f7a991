package dev.rapport.contacts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of contacts-service's keep-in-touch engine ({@code rapport.contacts.*}).
 *
 * @param staleness how the staleness sweep runs
 * @param birthdays how far ahead birthdays are announced
 * @param matching how many share suggestions a published piece of content gets
 * @param imports the limits of contact imports
 */
@ConfigurationProperties("rapport.contacts")
public record ContactsProperties(Staleness staleness, Birthdays birthdays, Matching matching, Imports imports) {

    /** The name of this record's bean, for a {@code @Scheduled} that reads its interval from it. */
    public static final String BEAN = "rapport.contacts-dev.rapport.contacts.ContactsProperties";

    public ContactsProperties {
        imports = imports == null ? new Imports(null, 0, 0, null) : imports;
        staleness = staleness == null ? new Staleness(null, 0) : staleness;
        birthdays = birthdays == null ? new Birthdays(-1) : birthdays;
        matching = matching == null ? new Matching(0, null) : matching;
    }

    /**
     * @param sweepInterval how often lapsed contacts and quiet groups are looked for
     * @param batch how many contacts or groups one sweep marks at most (the next sweep goes on)
     */
    public record Staleness(Duration sweepInterval, int batch) {
        public Staleness {
            sweepInterval = sweepInterval == null ? Duration.ofMinutes(1) : sweepInterval;
            batch = batch <= 0 ? 500 : batch;
        }
    }

    /** @param leadDays how many days before a birthday its {@code MilestoneRecorded} is published */
    public record Birthdays(int leadDays) {
        public Birthdays {
            leadDays = leadDays < 0 ? 7 : leadDays;
        }
    }

    /**
     * @param maxSuggestions how many contacts one {@code ContentShareSuggested} names at most
     * @param recentShare how long after sharing something with a contact they rank after the others
     */
    public record Matching(int maxSuggestions, Duration recentShare) {
        public Matching {
            maxSuggestions = maxSuggestions <= 0 ? 5 : maxSuggestions;
            recentShare = recentShare == null ? Duration.ofDays(30) : recentShare;
        }
    }

    /**
     * @param maxFileSize the largest file an import accepts (413 above)
     * @param maxRows the most rows (or cards) one import accepts (413 above): split larger files
     * @param reportedChanges how many created or merged rows the report lists one by one (all are counted)
     * @param lockFor how long one member's import holds the member's import lock at most (a crashed one releases it then)
     */
    public record Imports(DataSize maxFileSize, int maxRows, int reportedChanges, Duration lockFor) {
        public Imports {
            maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(20) : maxFileSize;
            maxRows = maxRows <= 0 ? 50_000 : maxRows;
            reportedChanges = reportedChanges <= 0 ? 1_000 : reportedChanges;
            lockFor = lockFor == null ? Duration.ofMinutes(10) : lockFor;
        }
    }
}

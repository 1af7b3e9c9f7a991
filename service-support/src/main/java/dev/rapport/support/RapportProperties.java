package dev.rapport.support;

import dev.rapport.contracts.events.EventCatalog.Area;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings every Rapport service shares.
 *
 * @param area the area whose events this service publishes (contacts, content, reminders)
 * @param identitySecret the secret shared with the gateway that signs {@code X-Rapport-Identity}
 * @param outbox how the outbox relay runs
 * @param inbox how consumed events are de-duplicated
 * @param privacy how a member's data is erased
 */
@ConfigurationProperties("rapport")
public record RapportProperties(Area area, String identitySecret, Outbox outbox, Inbox inbox, Privacy privacy) {

    /**
     * The name of this record's bean, for a {@code @Scheduled} that reads its interval from it, as in {@code
     * fixedDelayString = "#{@'" + RapportProperties.BEAN + "'.outbox().sweepInterval()}"}: the typed value is
     * the one read, with its one default.
     */
    public static final String BEAN = "rapport-dev.rapport.support.RapportProperties";

    public RapportProperties {
        if (area == null) {
            throw new IllegalStateException("rapport.area must name the service's area (contacts, content, reminders)");
        }
        if (identitySecret == null || identitySecret.length() < 32) {
            throw new IllegalStateException(
                    "RAPPORT_IDENTITY_SECRET (rapport.identity-secret) must be set to the secret"
                            + " shared with the gateway, at least 32 characters");
        }
        outbox = outbox == null ? new Outbox(null, null, 0, 0, null, null) : outbox;
        inbox = inbox == null ? new Inbox(null, null) : inbox;
        privacy = privacy == null ? new Privacy(null) : privacy;
    }

    /** The identity secret as bytes for HMAC. */
    public byte[] identitySecretBytes() {
        return identitySecret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        // The record's generated toString would print the shared secret into any log or failure analysis.
        return "RapportProperties[area=" + area + ", identitySecret=<redacted>, outbox=" + outbox + ", inbox=" + inbox
                + ", privacy=" + privacy + "]";
    }

    /**
     * @param sweepInterval how often pending events left by a crash or a failed send are looked for
     * @param lease how long one instance may hold an aggregate's outbox while publishing it: longer than the
     *     longest send ({@code sendTimeout}), so that a lease never expires while its holder still publishes
     * @param sweepBatch how many pending events one round of the sweep looks at
     * @param publishBatch how many aggregates one relay claims and publishes at once (one wait for the broker)
     * @param sendTimeout how long a batch waits for the broker's acknowledgements (the producer's delivery timeout)
     * @param orphanAfter when a pending marker whose event is in no outbox is removed (its write failed, or a
     *     crash came between publishing and removing the marker); far longer than any write takes
     */
    public record Outbox(
            Duration sweepInterval,
            Duration lease,
            int sweepBatch,
            int publishBatch,
            Duration sendTimeout,
            Duration orphanAfter) {
        public Outbox {
            sweepInterval = sweepInterval == null ? Duration.ofSeconds(5) : sweepInterval;
            sendTimeout = sendTimeout == null ? Duration.ofSeconds(30) : sendTimeout;
            lease = lease == null ? sendTimeout.multipliedBy(2) : lease;
            if (lease.compareTo(sendTimeout) <= 0) {
                throw new IllegalStateException(
                        "rapport.outbox.lease must be longer than rapport.outbox.send-timeout, or a lease could"
                                + " expire while its holder still publishes");
            }
            sweepBatch = sweepBatch <= 0 ? 1000 : sweepBatch;
            publishBatch = publishBatch <= 0 ? 500 : publishBatch;
            orphanAfter = orphanAfter == null ? Duration.ofMinutes(10) : orphanAfter;
        }
    }

    /**
     * @param retention how long processed event ids are remembered (longer than the topics' retention)
     * @param purgeInterval how often processed event ids older than the retention are forgotten
     */
    public record Inbox(Duration retention, Duration purgeInterval) {
        public Inbox {
            retention = retention == null ? Duration.ofDays(14) : retention;
            purgeInterval = purgeInterval == null ? Duration.ofHours(1) : purgeInterval;
        }
    }

    /**
     * @param keptCollections the collections an erasure leaves alone: they hold nothing of the member but ids
     *     and times, and must outlive it (the tombstones, the inbox's processed event ids)
     */
    public record Privacy(Set<String> keptCollections) {
        public Privacy {
            keptCollections = keptCollections == null
                    ? Set.of("erasure_tombstones", "processed_events")
                    : Set.copyOf(keptCollections);
        }
    }
}

package dev.rapport.contacts.capture;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of calendar sync ({@code rapport.contacts.capture.calendars.*}) and of the encryption of what members
 * connect with ({@code rapport.contacts.capture.secret-key}).
 *
 * @param secretKey base64 of a 256-bit AES key that encrypts calendar addresses at rest; unset, a key is derived
 *     from the identity secret (set one of its own in production so that the two can be rotated apart)
 * @param calendars how calendars are polled
 * @param mailboxes how mailboxes are read (headers only)
 */
@ConfigurationProperties("rapport.contacts.capture")
public record CaptureProperties(String secretKey, Calendars calendars, Mailboxes mailboxes) {

    public CaptureProperties {
        calendars = calendars == null ? new Calendars(null, null, null, null, null, null, null, null, 0, 0) : calendars;
        mailboxes = mailboxes == null ? new Mailboxes(null, null, null, null, 0, 0, false) : mailboxes;
    }

    /**
     * @param pollInterval how often each mailbox is read
     * @param sweepInterval how often this instance looks for mailboxes due
     * @param timeout connect and read timeout
     * @param lookback on the first sync, messages older than this are not read
     * @param maxMessages messages one sync reads at most per folder (the next sync goes on from there)
     * @param maxPerMember mailboxes a member may connect
     * @param allowInsecure accept mailboxes without TLS (the embedded default's test servers only)
     */
    public record Mailboxes(
            Duration pollInterval,
            Duration sweepInterval,
            Duration timeout,
            Duration lookback,
            int maxMessages,
            int maxPerMember,
            boolean allowInsecure) {
        public Mailboxes {
            pollInterval = pollInterval == null ? Duration.ofMinutes(15) : pollInterval;
            sweepInterval = sweepInterval == null ? Duration.ofMinutes(1) : sweepInterval;
            timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
            lookback = lookback == null ? Duration.ofDays(90) : lookback;
            maxMessages = maxMessages <= 0 ? 2_000 : maxMessages;
            maxPerMember = maxPerMember <= 0 ? 5 : maxPerMember;
        }
    }

    /**
     * @param pollInterval how often each calendar is fetched
     * @param sweepInterval how often this instance looks for calendars due
     * @param timeout connect and answer timeout of one fetch
     * @param maxSize the largest feed read (a larger one is an error on the source)
     * @param lookback past meetings that ended longer ago are not captured (nor removed)
     * @param horizon meetings that start further ahead are not announced yet
     * @param removeMissingWithin a captured meeting whose whole event left the feed is removed only if it ended
     *     less than this ago
     * @param lease how long one instance holds a calendar's sync
     * @param batch calendars one sweep of one instance syncs at most
     * @param maxPerMember calendars a member may connect
     */
    public record Calendars(
            Duration pollInterval,
            Duration sweepInterval,
            Duration timeout,
            DataSize maxSize,
            Duration lookback,
            Duration horizon,
            Duration removeMissingWithin,
            Duration lease,
            int batch,
            int maxPerMember) {
        public Calendars {
            pollInterval = pollInterval == null ? Duration.ofMinutes(30) : pollInterval;
            sweepInterval = sweepInterval == null ? Duration.ofMinutes(1) : sweepInterval;
            timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
            maxSize = maxSize == null ? DataSize.ofMegabytes(10) : maxSize;
            lookback = lookback == null ? Duration.ofDays(90) : lookback;
            horizon = horizon == null ? Duration.ofDays(14) : horizon;
            removeMissingWithin = removeMissingWithin == null ? Duration.ofDays(30) : removeMissingWithin;
            lease = lease == null ? Duration.ofMinutes(5) : lease;
            batch = batch <= 0 ? 20 : batch;
            maxPerMember = maxPerMember <= 0 ? 10 : maxPerMember;
        }
    }
}

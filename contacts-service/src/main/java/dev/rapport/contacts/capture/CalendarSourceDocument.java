package dev.rapport.contacts.capture;

import dev.rapport.contacts.capture.domain.MeetingCapture;
import dev.rapport.support.events.OutboxDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A calendar a member connected (collection {@code calendar_sources}): its address (encrypted), what is captured,
 * where its sync stands, and what the last sync captured and announced, so that the next one can tell what moved
 * or was cancelled. Announcing a meeting ahead ({@code MeetingScheduled}, {@code MeetingCancelled}) goes through
 * its outbox, in the same write as the state that remembers it.
 */
@Document("calendar_sources")
public class CalendarSourceDocument extends OutboxDocument {

    String name;
    /** The feed's address, sealed by {@link SecretBox}: it is a credential (whoever has it reads the calendar). */
    String sealedUrl;
    /** {@code ical} (an iCalendar address; null in calendars stored before CalDAV) or {@code caldav}. */
    String kind;
    /** A CalDAV collection's username and password, sealed together by {@link SecretBox}; null for an address. */
    String sealedCredentials;
    /** The host, the only part of the address ever shown. */
    String host;

    boolean summaries = true;
    boolean paused;
    Instant createdAt;
    /**
     * Set when the member removed it while it had meetings announced: it is kept (hidden) until the relay has
     * published their withdrawal from its outbox, then deleted by the sweep.
     */
    Instant deletedAt;

    String etag;
    String lastModified;
    Instant nextSyncAt;
    Instant leaseUntil;
    Instant lastSyncAt;
    Instant lastSuccessAt;
    /** {@code pending}, {@code ok} or {@code error}. */
    String status = "pending";

    String errorCode;
    String errorMessage;

    int meetingsSeen;
    long interactionsLogged;
    long interactionsRemoved;

    List<MeetingCapture.Captured> captured = new ArrayList<>();
    List<MeetingCapture.Upcoming> upcoming = new ArrayList<>();

    protected CalendarSourceDocument() {}

    boolean caldav() {
        return CALDAV.equals(kind);
    }

    static final String ICAL = "ical";
    static final String CALDAV = "caldav";

    CalendarSourceDocument(String id, String memberId, String tenantId) {
        this.id = id;
        this.memberId = memberId;
        this.tenantId = tenantId;
    }
}

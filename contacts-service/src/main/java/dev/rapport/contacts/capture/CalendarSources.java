package dev.rapport.contacts.capture;

import dev.rapport.contacts.capture.domain.MeetingCapture;
import dev.rapport.contacts.interactions.CapturedInteractions;
import dev.rapport.contracts.events.MeetingCancelled;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.events.Aggregates;
import dev.rapport.support.mongo.OptimisticRetry;
import dev.rapport.support.outbound.OutboundGuard;
import dev.rapport.support.web.ApiException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** The calendars members connect: connecting one (its address checked and sealed), reading and removing them. */
@Service
public class CalendarSources {

    private final MongoTemplate mongo;
    private final Aggregates aggregates;
    private final OutboundGuard guard;
    private final SecretBox secrets;
    private final CapturedInteractions captured;
    private final Clock clock;
    private final CaptureProperties.Calendars settings;

    CalendarSources(
            MongoTemplate mongo,
            Aggregates aggregates,
            OutboundGuard guard,
            SecretBox secrets,
            CapturedInteractions captured,
            Clock clock,
            CaptureProperties properties) {
        this.mongo = mongo;
        this.aggregates = aggregates;
        this.guard = guard;
        this.secrets = secrets;
        this.captured = captured;
        this.clock = clock;
        this.settings = properties.calendars();
    }

    /** Connects a calendar; its first sync runs at the next sweep. */
    CalendarSourceDocument add(IdentityAssertion caller, CalendarRequest request) {
        String url = request.url().strip();
        if (request.caldav()
                && (request.username() == null
                        || request.username().isBlank()
                        || request.password() == null
                        || request.password().isEmpty())) {
            throw ApiException.invalidField(
                    request.username() == null || request.username().isBlank() ? "username" : "password",
                    "a CalDAV collection needs both a username and a password");
        }
        if (!request.caldav() && url.regionMatches(true, 0, "webcal://", 0, 9)) {
            url = "https://" + url.substring(9);
        }
        URI checked;
        try {
            checked = guard.check(url);
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw ApiException.invalidField("url", "is not an address Rapport may fetch: " + e.getMessage());
        }
        if (mine(caller.memberId()).size() >= settings.maxPerMember()) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "Too many calendars",
                    "you have connected " + settings.maxPerMember() + " calendars: remove one first",
                    java.util.Map.of("maxCalendars", settings.maxPerMember()));
        }
        Instant now = clock.instant();
        CalendarSourceDocument source =
                new CalendarSourceDocument(new ObjectId().toHexString(), caller.memberId(), caller.tenantId());
        source.sealedUrl = secrets.seal(url);
        source.kind = request.caldav() ? CalendarSourceDocument.CALDAV : CalendarSourceDocument.ICAL;
        if (request.caldav()) {
            source.sealedCredentials = secrets.seal(request.username().strip() + "\n" + request.password());
        }
        source.host = checked.getHost().toLowerCase(Locale.ROOT);
        source.name = request.name() == null || request.name().isBlank()
                ? source.host
                : request.name().strip();
        source.summaries = request.summaries() == null || request.summaries();
        source.createdAt = now;
        source.nextSyncAt = now;
        return aggregates.insert(source);
    }

    /** The caller's calendars, oldest first. */
    List<CalendarSourceDocument> mine(String memberId) {
        return mongo
                .find(
                        new Query(Criteria.where("memberId").is(memberId)).with(Sort.by("createdAt", "_id")),
                        CalendarSourceDocument.class)
                .stream()
                .filter(s -> s.deletedAt == null)
                .toList();
    }

    /** One of the caller's calendars; another member's id answers 404. */
    CalendarSourceDocument get(IdentityAssertion caller, String id) {
        // By _id alone (the primary index of every store), the member checked on the document read.
        CalendarSourceDocument found = ObjectId.isValid(id) ? mongo.findById(id, CalendarSourceDocument.class) : null;
        if (found == null || found.deletedAt != null || !caller.memberId().equals(found.getMemberId())) {
            throw ApiException.notFound("calendar", id);
        }
        return found;
    }

    /** Pauses or resumes a calendar, or turns its summaries on or off (for what it logs from now on). */
    CalendarSourceDocument change(IdentityAssertion caller, String id, CalendarChange change) {
        return OptimisticRetry.retry(5, () -> {
            CalendarSourceDocument source = get(caller, id);
            if (change.paused() != null && change.paused() != source.paused) {
                source.paused = change.paused();
                // A paused calendar is not due; resumed, it is synced at the next sweep.
                source.nextSyncAt = source.paused ? null : clock.instant();
            }
            if (change.summaries() != null) {
                source.summaries = change.summaries();
            }
            if (change.name() != null && !change.name().isBlank()) {
                source.name = change.name().strip();
            }
            return aggregates.save(source);
        });
    }

    /**
     * Removes a calendar: the meetings ahead it announced are withdrawn ({@code MeetingCancelled}, through the
     * document's outbox before it is deleted); with {@code withCaptured}, the interactions it logged go too.
     *
     * @return how many interactions were removed
     */
    int remove(IdentityAssertion caller, String id, boolean withCaptured) {
        CalendarSourceDocument source = get(caller, id);
        int removed = 0;
        if (withCaptured) {
            List<String> ids = new ArrayList<>();
            for (MeetingCapture.Captured c : source.captured) {
                c.contactIds()
                        .forEach(contactId -> ids.add(CapturedInteractions.id(
                                caller.memberId(), CalendarSync.SOURCE, c.occurrence(), contactId)));
            }
            removed = captured.removeAll(caller.memberId(), ids);
        }
        if (!source.upcoming.isEmpty()) {
            // The withdrawals must be published before the calendar goes: the relay reads them from its outbox.
            for (MeetingCapture.Upcoming u : source.upcoming) {
                source.record(h -> new MeetingCancelled(
                        h,
                        u.meetingId(),
                        source.getId(),
                        u.contacts().stream().map(MeetingCapture.Contact::id).toList()));
            }
            source.upcoming = new ArrayList<>();
            source.paused = true;
            source.nextSyncAt = null;
            source.deletedAt = clock.instant();
            aggregates.save(source);
        } else {
            mongo.remove(new Query(Criteria.where("_id").is(source.getId())), CalendarSourceDocument.class);
        }
        return removed;
    }
}

package dev.rapport.contacts.capture;

import dev.rapport.contacts.capture.domain.CalendarFeed;
import dev.rapport.contacts.capture.domain.MeetingCapture;
import dev.rapport.contacts.contacts.ContactQueries;
import dev.rapport.contacts.interactions.CapturedInteractions;
import dev.rapport.contracts.events.MeetingCancelled;
import dev.rapport.contracts.events.MeetingScheduled;
import dev.rapport.support.events.Aggregates;
import dev.rapport.support.mongo.OptimisticRetry;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls the connected calendars: every {@code sweep-interval} each instance claims the calendars due (a versioned
 * save: of two instances, one wins) and syncs them one by one. A sync fetches the feed conditionally, logs past
 * meetings with contacts as {@code meeting} interactions, removes those of moved or cancelled occurrences, and
 * announces meetings ahead ({@code MeetingScheduled} / {@code MeetingCancelled}). A failing calendar gets its
 * error on its status and is tried again at its next poll; it never stops the others.
 */
@Component
@EnableConfigurationProperties(CaptureProperties.class)
class CalendarSync {

    static final String SOURCE = "calendar";
    static final String KIND = "meeting";
    private static final Logger log = LoggerFactory.getLogger(CalendarSync.class);

    private final MongoTemplate mongo;
    private final Aggregates aggregates;
    private final CalendarFetcher fetcher;
    private final SecretBox secrets;
    private final ContactQueries contacts;
    private final CapturedInteractions captured;
    private final Clock clock;
    private final CaptureProperties.Calendars settings;

    CalendarSync(
            MongoTemplate mongo,
            Aggregates aggregates,
            CalendarFetcher fetcher,
            SecretBox secrets,
            ContactQueries contacts,
            CapturedInteractions captured,
            Clock clock,
            CaptureProperties properties) {
        this.mongo = mongo;
        this.aggregates = aggregates;
        this.fetcher = fetcher;
        this.secrets = secrets;
        this.contacts = contacts;
        this.captured = captured;
        this.clock = clock;
        this.settings = properties.calendars();
    }

    @Scheduled(
            fixedDelayString = "${rapport.contacts.capture.calendars.sweep-interval:PT1M}",
            initialDelayString = "${rapport.contacts.capture.calendars.sweep-interval:PT1M}")
    void sweep() {
        Instant now = clock.instant();
        List<CalendarSourceDocument> due = mongo.find(
                new Query(Criteria.where("nextSyncAt").lte(now))
                        .with(Sort.by("nextSyncAt"))
                        .limit(settings.batch()),
                CalendarSourceDocument.class);
        for (CalendarSourceDocument removed : mongo.find(
                new Query(Criteria.where("deletedAt").lte(now)).limit(settings.batch()),
                CalendarSourceDocument.class)) {
            if (removed.getOutbox().isEmpty()) {
                mongo.remove(new Query(Criteria.where("_id").is(removed.getId())), CalendarSourceDocument.class);
            }
        }
        for (CalendarSourceDocument source : due) {
            if (source.paused || (source.leaseUntil != null && source.leaseUntil.isAfter(now))) {
                continue;
            }
            try {
                sync(source.getId());
            } catch (RuntimeException e) {
                log.warn("Calendar {} of member {} not synced: {}", source.getId(), source.getMemberId(), e.toString());
            }
        }
    }

    /** Claims and syncs one calendar now; answers whether this instance synced it. */
    boolean sync(String id) {
        CalendarSourceDocument source = mongo.findById(id, CalendarSourceDocument.class);
        Instant now = clock.instant();
        if (source == null || source.paused || (source.leaseUntil != null && source.leaseUntil.isAfter(now))) {
            return false;
        }
        source.leaseUntil = now.plus(settings.lease());
        try {
            source = mongo.save(source);
        } catch (OptimisticLockingFailureException claimedElsewhere) {
            return false;
        }
        Outcome outcome = switch (fetch(source, now)) {
            case CalendarFetcher.Fetched.Failed failed -> Outcome.failed(failed.code(), failed.message());
            case CalendarFetcher.Fetched.NotModified notModified -> plan(source, null, null, null, now);
            case CalendarFetcher.Fetched.Feed feed ->
                plan(source, List.of(feed.body()), feed.etag(), feed.lastModified(), now);
            case CalendarFetcher.Fetched.Objects objects -> plan(source, objects.calendars(), null, null, now);
        };
        apply(source, outcome, now);
        return true;
    }

    /** What a sync found: a plan (and the feed's validators), or an error. */
    private record Outcome(
            MeetingCapture.Plan plan, int meetings, String etag, String lastModified, String code, String message) {
        static Outcome failed(String code, String message) {
            return new Outcome(null, 0, null, null, code, message);
        }
    }

    /** An iCalendar address is fetched conditionally; a CalDAV collection is asked for the window's events. */
    private CalendarFetcher.Fetched fetch(CalendarSourceDocument source, Instant now) {
        String url = secrets.open(source.sealedUrl);
        if (!source.caldav()) {
            return fetcher.fetch(url, source.etag, source.lastModified);
        }
        String credentials = secrets.open(source.sealedCredentials);
        int split = credentials.indexOf('\n');
        return fetcher.fetchCalDav(
                url,
                credentials.substring(0, split),
                credentials.substring(split + 1),
                now.minus(settings.lookback()),
                now.plus(settings.horizon()));
    }

    /**
     * Plans a sync from the calendars fetched (one feed, or a CalDAV collection's objects; null when the feed did
     * not change) and their validators.
     */
    private Outcome plan(
            CalendarSourceDocument source, List<byte[]> calendars, String etag, String lastModified, Instant now) {
        MeetingCapture.Window window =
                new MeetingCapture.Window(settings.lookback(), settings.horizon(), settings.removeMissingWithin());
        if (calendars == null) {
            MeetingCapture.Plan plan =
                    MeetingCapture.plan(List.of(), Set.of(), false, source.captured, source.upcoming, now, window);
            return new Outcome(plan, source.meetingsSeen, source.etag, source.lastModified, null, null);
        }
        List<CalendarFeed.Meeting> meetings = new ArrayList<>();
        try {
            for (byte[] calendar : calendars) {
                meetings.addAll(CalendarFeed.meetings(
                        new ByteArrayInputStream(calendar),
                        now.minus(settings.lookback()),
                        now.plus(settings.horizon())));
            }
        } catch (CalendarFeed.UnreadableFeedException e) {
            return Outcome.failed("not-icalendar", e.getMessage());
        }
        Set<String> emails = new HashSet<>();
        Set<String> uids = new HashSet<>();
        meetings.forEach(m -> {
            emails.addAll(m.emails());
            uids.add(m.uid());
        });
        Map<String, List<MeetingCapture.Contact>> byEmail = new LinkedHashMap<>();
        for (ContactQueries.ByEmail contact : contacts.withEmails(source.getMemberId(), source.getTenantId(), emails)) {
            for (String email : contact.emails()) {
                byEmail.computeIfAbsent(email, e -> new ArrayList<>())
                        .add(new MeetingCapture.Contact(contact.contactId(), contact.displayName()));
            }
        }
        List<MeetingCapture.Resolved> resolved = meetings.stream()
                .map(m -> new MeetingCapture.Resolved(
                        m,
                        m.emails().stream()
                                .flatMap(e -> byEmail.getOrDefault(e, List.of()).stream())
                                .distinct()
                                .toList()))
                .toList();
        MeetingCapture.Plan plan =
                MeetingCapture.plan(resolved, uids, true, source.captured, source.upcoming, now, window);
        int withContacts = (int) resolved.stream()
                .filter(r -> !r.contacts().isEmpty() && !r.meeting().cancelled())
                .count();
        return new Outcome(plan, withContacts, etag, lastModified, null, null);
    }

    /** Logs and removes the plan's interactions, then saves the calendar with its announcements in one write. */
    private void apply(CalendarSourceDocument claimed, Outcome outcome, Instant now) {
        String memberId = claimed.getMemberId();
        long logged = 0;
        long removed = 0;
        if (outcome.plan() != null) {
            MeetingCapture.Plan plan = outcome.plan();
            boolean summaries = claimed.summaries;
            List<CapturedInteractions.Captured> logs = plan.logs().stream()
                    .map(l -> new CapturedInteractions.Captured(
                            CapturedInteractions.id(
                                    memberId,
                                    SOURCE,
                                    l.occurrence(),
                                    l.contact().id()),
                            l.contact().id(),
                            l.contact().displayName(),
                            KIND,
                            "mutual",
                            l.at(),
                            summaries ? l.title() : null))
                    .toList();
            logged = captured.logAll(memberId, claimed.getTenantId(), logs).size();
            removed = captured.removeAll(
                    memberId,
                    plan.removes().stream()
                            .map(r -> CapturedInteractions.id(memberId, SOURCE, r.occurrence(), r.contactId()))
                            .toList());
        }
        long loggedNow = logged;
        long removedNow = removed;
        OptimisticRetry.retry(5, () -> {
            CalendarSourceDocument source = mongo.findById(claimed.getId(), CalendarSourceDocument.class);
            if (source == null) {
                return; // deleted meanwhile
            }
            source.lastSyncAt = now;
            source.leaseUntil = null;
            source.nextSyncAt = now.plus(settings.pollInterval());
            if (outcome.plan() == null) {
                source.status = "error";
                source.errorCode = outcome.code();
                source.errorMessage = outcome.message();
                log.info(
                        "Calendar {} of member {} failed: {} ({})",
                        source.getId(),
                        memberId,
                        outcome.code(),
                        outcome.message());
            } else {
                MeetingCapture.Plan plan = outcome.plan();
                source.status = "ok";
                source.errorCode = null;
                source.errorMessage = null;
                source.lastSuccessAt = now;
                source.etag = outcome.etag();
                source.lastModified = outcome.lastModified();
                source.meetingsSeen = outcome.meetings();
                source.interactionsLogged += loggedNow;
                source.interactionsRemoved += removedNow;
                source.captured = new ArrayList<>(plan.captured());
                source.upcoming = new ArrayList<>(plan.upcoming());
                boolean summaries = source.summaries;
                String sourceId = source.getId();
                for (MeetingCapture.Upcoming u : plan.scheduled()) {
                    source.record(h -> new MeetingScheduled(
                            h,
                            u.meetingId(),
                            sourceId,
                            summaries ? u.title() : null,
                            u.start(),
                            u.end(),
                            u.contacts().stream()
                                    .map(c -> new MeetingScheduled.Participant(c.id(), c.displayName()))
                                    .toList()));
                }
                for (MeetingCapture.Upcoming u : plan.withdrawn()) {
                    source.record(h -> new MeetingCancelled(
                            h,
                            u.meetingId(),
                            sourceId,
                            u.contacts().stream()
                                    .map(MeetingCapture.Contact::id)
                                    .toList()));
                }
            }
            aggregates.save(source);
        });
    }
}

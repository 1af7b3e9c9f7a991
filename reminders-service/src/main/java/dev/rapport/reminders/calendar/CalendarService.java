package dev.rapport.reminders.calendar;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.reminders.RemindersProperties;
import dev.rapport.reminders.calendar.domain.CalendarWriter;
import dev.rapport.reminders.calendar.domain.FeedTokens;
import dev.rapport.reminders.reminders.domain.ReminderTexts;
import dev.rapport.reminders.settings.NotificationSettingsService;
import dev.rapport.reminders.settings.domain.MemberPreferences;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** The members' calendar feeds: the iCalendar text, and the secret URLs that serve it without headers. */
@Service
public class CalendarService {

    /** The public path of a feed at the gateway; {token} is the secret. */
    public static final String PUBLIC_PATH = "/api/v1/calendar/{token}.ics";

    private final MongoTemplate mongo;
    private final CalendarSource source;
    private final NotificationSettingsService settings;
    private final RemindersProperties properties;
    private final Clock clock;

    public CalendarService(
            MongoTemplate mongo,
            CalendarSource source,
            NotificationSettingsService settings,
            RemindersProperties properties,
            Clock clock) {
        this.mongo = mongo;
        this.source = source;
        this.settings = settings;
        this.properties = properties;
        this.clock = clock;
    }

    /** The member's reminders as an iCalendar document. */
    public String calendarOf(String memberId) {
        MemberPreferences member = settings.preferences(memberId);
        Instant now = clock.instant();
        String name = ReminderTexts.spanish(member.locale()) ? "Rapport: recordatorios" : "Rapport reminders";
        return CalendarWriter.write(
                name,
                now,
                properties.calendar().alarmAt(),
                source.entries(memberId, member, now, properties.calendar().pastDays()));
    }

    /** The calendar of the member whose feed token this is, if the token is a live one. */
    public Optional<String> calendarForToken(String token) {
        if (!FeedTokens.wellFormed(token)) {
            return Optional.empty();
        }
        CalendarFeedDocument feed = mongo.findOne(
                new Query(Criteria.where("tokenHash").is(FeedTokens.hash(token))), CalendarFeedDocument.class);
        return feed == null ? Optional.empty() : Optional.of(calendarOf(feed.memberId));
    }

    /** Creates the member's feed, or replaces its token (the old URL stops working at once). */
    public CalendarFeedView createOrRotate(IdentityAssertion caller) {
        String token = FeedTokens.newToken();
        CalendarFeedDocument feed = new CalendarFeedDocument();
        feed.memberId = caller.memberId();
        feed.tenantId = caller.tenantId();
        feed.tokenHash = FeedTokens.hash(token);
        feed.createdAt = clock.instant();
        mongo.save(feed);
        String url = properties.publicBaseUrl() + PUBLIC_PATH.replace("{token}", token);
        return new CalendarFeedView(true, feed.createdAt, url, url.replaceFirst("^https?://", "webcal://"));
    }

    /** Whether the member has a feed, and since when. */
    public CalendarFeedView status(IdentityAssertion caller) {
        CalendarFeedDocument feed = mongo.findById(caller.memberId(), CalendarFeedDocument.class);
        return feed == null
                ? new CalendarFeedView(false, null, null, null)
                : new CalendarFeedView(true, feed.createdAt, null, null);
    }

    /** Revokes the member's feed: its URL answers 404 from now on. */
    public void revoke(IdentityAssertion caller) {
        mongo.remove(new Query(Criteria.where("_id").is(caller.memberId())), CalendarFeedDocument.class);
    }
}

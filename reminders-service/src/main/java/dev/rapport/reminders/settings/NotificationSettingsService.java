package dev.rapport.reminders.settings;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.reminders.RemindersProperties;
import dev.rapport.reminders.settings.domain.MemberPreferences;
import dev.rapport.reminders.settings.domain.QuietHours;
import dev.rapport.reminders.signing.domain.WebhookSignature;
import dev.rapport.support.outbound.OutboundGuard;
import dev.rapport.support.web.ApiException;
import dev.rapport.support.web.ConditionalRequests;
import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** Members' notification settings: read with defaults, replaced with validation, and the delivery state in them. */
@Service
public class NotificationSettingsService {

    /**
     * Delivery state is updated by collection name: an update through the entity class would bump the
     * settings' version, and with it the ETag the member holds.
     */
    private static final String COLLECTION = "notification_settings";

    private final MongoTemplate mongo;
    private final RemindersProperties properties;
    private final Clock clock;
    private final OutboundGuard outbound;

    public NotificationSettingsService(
            MongoTemplate mongo, RemindersProperties properties, Clock clock, OutboundGuard outbound) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
        this.outbound = outbound;
    }

    /** How the member wants to be reminded: their settings, or the defaults when they have none. */
    public MemberPreferences preferences(String memberId) {
        NotificationSettingsDocument stored = mongo.findById(memberId, NotificationSettingsDocument.class);
        return stored == null ? defaults() : preferences(stored);
    }

    /** The member's settings and their version (0 when they have none stored). */
    public Versioned view(IdentityAssertion caller) {
        NotificationSettingsDocument stored = mongo.findById(caller.memberId(), NotificationSettingsDocument.class);
        if (stored == null) {
            MemberPreferences d = defaults();
            return new Versioned(
                    new NotificationSettingsView(
                            d.locale().getLanguage(),
                            d.zone().getId(),
                            d.dailyCap(),
                            d.minGapDays(),
                            d.digestTime().toString(),
                            null,
                            null,
                            null),
                    0);
        }
        return new Versioned(toView(stored, null), versionOf(stored));
    }

    /**
     * Replaces the member's settings.
     *
     * @param expectedVersion the version the member read ({@code If-Match}), or null to replace unconditionally
     */
    public Versioned replace(IdentityAssertion caller, NotificationSettingsRequest request, Long expectedVersion) {
        ZoneId zone = zone(request.timeZone());
        URI webhook = request.webhook() == null
                ? null
                : outbound.acceptInput(request.webhook().url(), "webhook.url");
        NotificationSettingsDocument stored = mongo.findById(caller.memberId(), NotificationSettingsDocument.class);
        long current = versionOf(stored);
        ConditionalRequests.requireVersion(expectedVersion, current);
        NotificationSettingsDocument doc = stored == null ? new NotificationSettingsDocument() : stored;
        doc.memberId = caller.memberId();
        doc.tenantId = caller.tenantId();
        doc.locale = request.locale() == null ? properties.defaultLocale().getLanguage() : request.locale();
        doc.timeZone = zone.getId();
        doc.dailyCap = request.dailyCap() == null ? MemberPreferences.DEFAULT_DAILY_CAP : request.dailyCap();
        doc.minGapDays = request.minGapDays() == null ? MemberPreferences.DEFAULT_MIN_GAP_DAYS : request.minGapDays();
        doc.digestTime =
                request.digestTime() == null ? MemberPreferences.DEFAULT_DIGEST_TIME.toString() : request.digestTime();
        doc.quietStart =
                request.quietHours() == null ? null : request.quietHours().start();
        doc.quietEnd =
                request.quietHours() == null ? null : request.quietHours().end();
        String newSecret = null;
        if (webhook == null) {
            doc.webhookUrl = null;
            doc.webhookSecret = null;
            doc.nextDigestAt = null;
        } else {
            boolean rotate = Boolean.TRUE.equals(request.webhook().rotateSecret());
            if (doc.webhookSecret == null || rotate) {
                newSecret = WebhookSignature.newSecret();
                doc.webhookSecret = newSecret;
            }
            if (!webhook.toString().equals(doc.webhookUrl)) {
                // A new endpoint starts with a closed circuit.
                doc.circuitFailures = 0;
                doc.circuitOpenUntil = null;
            }
            doc.webhookUrl = webhook.toString();
            doc.nextDigestAt = preferences(doc).nextDigestAfter(clock.instant());
        }
        doc.updatedAt = clock.instant();
        NotificationSettingsDocument saved;
        try {
            saved = mongo.save(doc);
        } catch (DuplicateKeyException concurrentFirstSave) {
            throw ApiException.conflict("the settings were created by another request at the same time: retry");
        }
        return new Versioned(toView(saved, newSecret), versionOf(saved));
    }

    /** Settings of members whose digest is due at {@code now}, to be claimed one by one. */
    public List<NotificationSettingsDocument> dueForDigest(Instant now, int limit) {
        return mongo.find(
                new Query(Criteria.where("nextDigestAt").lte(now)).limit(limit), NotificationSettingsDocument.class);
    }

    /**
     * Claims the member's digest due at {@code due} for this instance by moving the schedule on: an atomic
     * conditional update, so that with several instances exactly one of them wins.
     */
    public boolean claimDigest(NotificationSettingsDocument settings, Instant due, Instant next) {
        return mongo.updateFirst(
                                new Query(Criteria.where("_id")
                                        .is(settings.memberId)
                                        .and("nextDigestAt")
                                        .is(due)),
                                new Update().set("nextDigestAt", next),
                                COLLECTION)
                        .getModifiedCount()
                == 1;
    }

    /** The member's settings document, or null. */
    public NotificationSettingsDocument stored(String memberId) {
        return mongo.findById(memberId, NotificationSettingsDocument.class);
    }

    /** Records the outcome of an attempt on the member's circuit (without touching the settings' version). */
    public void recordCircuit(String memberId, int consecutiveFailures, Instant openUntil) {
        mongo.updateFirst(
                new Query(Criteria.where("_id").is(memberId)),
                new Update().set("circuitFailures", consecutiveFailures).set("circuitOpenUntil", openUntil),
                COLLECTION);
    }

    /** The preferences stored in a settings document. */
    public MemberPreferences preferences(NotificationSettingsDocument doc) {
        QuietHours quiet = doc.quietStart == null || doc.quietEnd == null
                ? null
                : new QuietHours(LocalTime.parse(doc.quietStart), LocalTime.parse(doc.quietEnd));
        return new MemberPreferences(
                ZoneId.of(doc.timeZone),
                Locale.forLanguageTag(doc.locale),
                doc.dailyCap,
                doc.minGapDays,
                LocalTime.parse(doc.digestTime),
                quiet);
    }

    /** 0 for the defaults, then one more than the stored version, so that the first save changes the ETag too. */
    private static long versionOf(NotificationSettingsDocument stored) {
        return stored == null || stored.version == null ? 0 : stored.version + 1;
    }

    private MemberPreferences defaults() {
        return MemberPreferences.defaults(properties.defaultTimeZone(), properties.defaultLocale());
    }

    private ZoneId zone(String id) {
        if (id == null) {
            return properties.defaultTimeZone();
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw ApiException.invalidField("timeZone", "must be an IANA time zone such as Europe/Madrid");
        }
    }

    private NotificationSettingsView toView(NotificationSettingsDocument doc, String newSecret) {
        return new NotificationSettingsView(
                doc.locale,
                doc.timeZone,
                doc.dailyCap,
                doc.minGapDays,
                doc.digestTime,
                doc.quietStart == null ? null : new NotificationSettingsView.QuietHours(doc.quietStart, doc.quietEnd),
                doc.webhookUrl == null ? null : new NotificationSettingsView.Webhook(doc.webhookUrl, newSecret),
                doc.nextDigestAt);
    }

    /** Settings with the version that makes their ETag. */
    public record Versioned(NotificationSettingsView view, long version) {
        public String etag() {
            return ConditionalRequests.etag(version);
        }
    }
}

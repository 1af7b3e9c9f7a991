package dev.rapport.contacts.capture;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.events.Aggregates;
import dev.rapport.support.mongo.OptimisticRetry;
import dev.rapport.support.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** The IMAP mailboxes members connect: connecting one (its password sealed), reading, changing and removing them. */
@Service
public class MailboxSources {

    private final MongoTemplate mongo;
    private final Aggregates aggregates;
    private final SecretBox secrets;
    private final Clock clock;
    private final CaptureProperties.Mailboxes settings;

    MailboxSources(
            MongoTemplate mongo, Aggregates aggregates, SecretBox secrets, Clock clock, CaptureProperties properties) {
        this.mongo = mongo;
        this.aggregates = aggregates;
        this.secrets = secrets;
        this.clock = clock;
        this.settings = properties.mailboxes();
    }

    MailboxSourceDocument add(IdentityAssertion caller, MailboxRequest request) {
        String security = request.security() == null ? "tls" : request.security();
        if ("none".equals(security) && !settings.allowInsecure()) {
            throw ApiException.invalidField("security", "must be tls or starttls: a password never travels in clear");
        }
        if (mine(caller.memberId()).size() >= settings.maxPerMember()) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "Too many mailboxes",
                    "you have connected " + settings.maxPerMember() + " mailboxes: remove one first",
                    Map.of("maxMailboxes", settings.maxPerMember()));
        }
        Instant now = clock.instant();
        MailboxSourceDocument source =
                new MailboxSourceDocument(new ObjectId().toHexString(), caller.memberId(), caller.tenantId());
        source.host = request.host().strip().toLowerCase(Locale.ROOT);
        source.port = request.port() != null ? request.port() : "tls".equals(security) ? 993 : 143;
        source.security = security;
        source.username = request.username().strip();
        source.sealedPassword = secrets.seal(request.password());
        List<String> own = new ArrayList<>();
        if (source.username.contains("@")) {
            own.add(source.username.toLowerCase(Locale.ROOT));
        }
        if (request.address() != null) {
            own.add(request.address().strip().toLowerCase(Locale.ROOT));
        }
        if (own.isEmpty()) {
            throw ApiException.invalidField("address", "is needed when the username is not your e-mail address");
        }
        source.ownAddresses = own;
        source.name = request.name() == null || request.name().isBlank()
                ? source.username
                : request.name().strip();
        source.summaries = request.summaries() == null || request.summaries();
        source.createdAt = now;
        source.nextSyncAt = now;
        return aggregates.insert(source);
    }

    List<MailboxSourceDocument> mine(String memberId) {
        return mongo.find(
                new Query(Criteria.where("memberId").is(memberId)).with(Sort.by("createdAt", "_id")),
                MailboxSourceDocument.class);
    }

    MailboxSourceDocument get(IdentityAssertion caller, String id) {
        // By _id alone (the primary index of every store), the member checked on the document read.
        MailboxSourceDocument found = ObjectId.isValid(id) ? mongo.findById(id, MailboxSourceDocument.class) : null;
        if (found == null || !caller.memberId().equals(found.getMemberId())) {
            throw ApiException.notFound("mailbox", id);
        }
        return found;
    }

    MailboxSourceDocument change(IdentityAssertion caller, String id, CalendarChange change) {
        return OptimisticRetry.retry(5, () -> {
            MailboxSourceDocument source = get(caller, id);
            if (change.paused() != null && change.paused() != source.paused) {
                source.paused = change.paused();
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

    /** Removes a mailbox; the interactions it logged stay (they are ordinary interactions, in the export). */
    void remove(IdentityAssertion caller, String id) {
        MailboxSourceDocument source = get(caller, id);
        mongo.remove(new Query(Criteria.where("_id").is(source.getId())), MailboxSourceDocument.class);
    }
}

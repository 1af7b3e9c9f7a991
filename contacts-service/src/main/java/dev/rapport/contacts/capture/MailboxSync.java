package dev.rapport.contacts.capture;

import dev.rapport.contacts.capture.domain.MailCapture;
import dev.rapport.contacts.contacts.ContactQueries;
import dev.rapport.contacts.interactions.CapturedInteractions;
import dev.rapport.support.mongo.OptimisticRetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads the connected mailboxes' new message headers every {@code poll-interval}: a message with a contact among
 * its other parties becomes an {@code email} interaction (outbound or inbound from the headers) once per
 * Message-ID and contact, and each folder resumes at the UID after the last one read. A mailbox that cannot be
 * read (wrong password, unreachable) gets its error on its status; the others go on.
 */
@Component
class MailboxSync {

    static final String SOURCE = "mailbox";
    static final String KIND = "email";
    private static final Logger log = LoggerFactory.getLogger(MailboxSync.class);
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final MongoTemplate mongo;
    private final MailboxReader reader;
    private final SecretBox secrets;
    private final ContactQueries contacts;
    private final CapturedInteractions captured;
    private final Clock clock;
    private final CaptureProperties.Mailboxes settings;

    MailboxSync(
            MongoTemplate mongo,
            MailboxReader reader,
            SecretBox secrets,
            ContactQueries contacts,
            CapturedInteractions captured,
            Clock clock,
            CaptureProperties properties) {
        this.mongo = mongo;
        this.reader = reader;
        this.secrets = secrets;
        this.contacts = contacts;
        this.captured = captured;
        this.clock = clock;
        this.settings = properties.mailboxes();
    }

    @Scheduled(
            fixedDelayString = "${rapport.contacts.capture.mailboxes.sweep-interval:PT1M}",
            initialDelayString = "${rapport.contacts.capture.mailboxes.sweep-interval:PT1M}")
    void sweep() {
        Instant now = clock.instant();
        for (MailboxSourceDocument source : mongo.find(
                new Query(Criteria.where("nextSyncAt").lte(now))
                        .with(Sort.by("nextSyncAt"))
                        .limit(20),
                MailboxSourceDocument.class)) {
            try {
                sync(source.getId());
            } catch (RuntimeException e) {
                log.warn("Mailbox {} of member {} not synced: {}", source.getId(), source.getMemberId(), e.toString());
            }
        }
    }

    /** Claims and syncs one mailbox now; answers whether this instance synced it. */
    boolean sync(String id) {
        MailboxSourceDocument source = mongo.findById(id, MailboxSourceDocument.class);
        Instant now = clock.instant();
        if (source == null || source.paused || (source.leaseUntil != null && source.leaseUntil.isAfter(now))) {
            return false;
        }
        source.leaseUntil = now.plus(LEASE);
        try {
            source = mongo.save(source);
        } catch (OptimisticLockingFailureException claimedElsewhere) {
            return false;
        }
        List<MailboxReader.FolderRead> folders = null;
        String code = null;
        String message = null;
        try {
            folders = reader.read(
                    source.host,
                    source.port,
                    source.security,
                    source.username,
                    secrets.open(source.sealedPassword),
                    source.folders,
                    now);
        } catch (MailboxReader.MailboxException e) {
            code = e.code;
            message = e.getMessage();
        }
        long logged = 0;
        long read = 0;
        if (folders != null) {
            for (MailboxReader.FolderRead folder : folders) {
                read += folder.messages().size();
                logged += log(source, folder, now);
            }
        }
        finish(source.getId(), folders, code, message, read, logged, now);
        return true;
    }

    private long log(MailboxSourceDocument source, MailboxReader.FolderRead folder, Instant now) {
        Set<String> own = new HashSet<>(source.ownAddresses);
        Map<MailboxReader.Read, MailCapture.Exchange> exchanges = new LinkedHashMap<>();
        Set<String> emails = new HashSet<>();
        for (MailboxReader.Read r : folder.messages()) {
            MailCapture.Exchange exchange = MailCapture.exchange(r.headers(), folder.sent(), own);
            exchanges.put(r, exchange);
            emails.addAll(exchange.counterparties());
        }
        Map<String, List<ContactQueries.ByEmail>> byEmail = new LinkedHashMap<>();
        for (ContactQueries.ByEmail contact : contacts.withEmails(source.getMemberId(), source.getTenantId(), emails)) {
            contact.emails()
                    .forEach(e ->
                            byEmail.computeIfAbsent(e, k -> new ArrayList<>()).add(contact));
        }
        List<CapturedInteractions.Captured> logs = new ArrayList<>();
        exchanges.forEach((r, exchange) -> {
            String key = MailCapture.key(r.headers().messageId(), folder.name(), folder.uidValidity(), r.uid());
            Instant at = r.headers().sentAt() == null || r.headers().sentAt().isAfter(now)
                    ? now
                    : r.headers().sentAt();
            Set<String> seen = new HashSet<>();
            for (String email : exchange.counterparties()) {
                for (ContactQueries.ByEmail contact : byEmail.getOrDefault(email, List.of())) {
                    if (seen.add(contact.contactId())) {
                        logs.add(new CapturedInteractions.Captured(
                                CapturedInteractions.id(source.getMemberId(), SOURCE, key, contact.contactId()),
                                contact.contactId(),
                                contact.displayName(),
                                KIND,
                                exchange.direction(),
                                at,
                                source.summaries ? r.headers().subject() : null));
                    }
                }
            }
        });
        return captured.logAll(source.getMemberId(), source.getTenantId(), logs).size();
    }

    private void finish(
            String id,
            List<MailboxReader.FolderRead> folders,
            String code,
            String message,
            long read,
            long logged,
            Instant now) {
        try {
            // Changed meanwhile (paused, renamed): read it again, a few times.
            OptimisticRetry.retry(5, () -> {
                MailboxSourceDocument source = mongo.findById(id, MailboxSourceDocument.class);
                if (source == null) {
                    return;
                }
                source.leaseUntil = null;
                source.lastSyncAt = now;
                source.nextSyncAt = source.paused ? null : now.plus(settings.pollInterval());
                if (folders == null) {
                    source.status = "error";
                    source.errorCode = code;
                    source.errorMessage = message;
                } else {
                    source.status = "ok";
                    source.errorCode = null;
                    source.errorMessage = null;
                    source.lastSuccessAt = now;
                    source.messagesRead += read;
                    source.interactionsLogged += logged;
                    source.folders = folders.stream()
                            .map(f -> new MailboxSourceDocument.Folder(f.name(), f.uidValidity(), f.lastUid()))
                            .toList();
                }
                mongo.save(source);
            });
        } catch (OptimisticLockingFailureException keptChanging) {
            log.info("Mailbox {} kept changing while its sync was recorded: the next sync records it", id);
        }
    }
}

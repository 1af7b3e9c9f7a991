package dev.rapport.contacts.interactions;

import dev.rapport.contacts.contacts.ContactClock;
import dev.rapport.contacts.contacts.RemovedInteraction;
import dev.rapport.contracts.events.InteractionDirection;
import dev.rapport.contracts.events.InteractionKind;
import dev.rapport.contracts.events.InteractionLogged;
import dev.rapport.support.events.Aggregates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Interactions Rapport captures for the member (LinkedIn messages, calendar meetings): each one is an ordinary
 * interaction with one contact and its {@code InteractionLogged}, written through the one write path, whose id is
 * derived from its source, the occurrence and the contact, so that capturing the same occurrence again — a
 * re-import, a resumed job, the next poll — finds it instead of logging it twice.
 */
@Service
public class CapturedInteractions {

    private static final Logger log = LoggerFactory.getLogger(CapturedInteractions.class);
    private static final int CHUNK = 1_000;

    private final ContactClock contacts;
    private final MongoTemplate mongo;
    private final Aggregates aggregates;
    private final ClockRewind rewind;
    private final Clock clock;

    CapturedInteractions(
            ContactClock contacts, MongoTemplate mongo, Aggregates aggregates, ClockRewind rewind, Clock clock) {
        this.contacts = contacts;
        this.mongo = mongo;
        this.aggregates = aggregates;
        this.rewind = rewind;
        this.clock = clock;
    }

    /**
     * An interaction to capture.
     *
     * @param id from {@link #id}
     * @param type an interaction kind ({@code linkedin-message}, {@code meeting})
     * @param summary what the member allowed to keep of it, or null
     */
    public record Captured(
            String id,
            String contactId,
            String displayName,
            String type,
            String direction,
            Instant occurredAt,
            String summary) {}

    /**
     * The id of the interaction one occurrence of a source makes with one contact: 24 hex digits (an ObjectId's
     * shape, as every interaction id) of a SHA-256 of the member, the source, the occurrence and the contact.
     */
    public static String id(String memberId, String source, String occurrence, String contactId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", memberId, source, occurrence, contactId)
                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Which of these interaction ids are stored (of any member: the ids are derived from the member). */
    public Set<String> existing(Collection<String> ids) {
        Set<String> found = new HashSet<>();
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += CHUNK) {
            // By _id alone: the primary index of every store.
            Query query = new Query(Criteria.where("_id").in(all.subList(from, Math.min(all.size(), from + CHUNK))));
            query.fields().include("_id");
            mongo.find(query, InteractionDocument.class).forEach(i -> found.add(i.getId()));
        }
        return found;
    }

    /**
     * Logs captured interactions not stored yet, each with its {@code InteractionLogged}, then moves the clock of
     * every contact once (to its latest interaction); answers the ids it stored.
     */
    public List<String> logAll(String memberId, String tenantId, List<Captured> captured) {
        Set<String> known = existing(captured.stream().map(Captured::id).toList());
        Map<String, Captured> fresh = new LinkedHashMap<>();
        captured.stream().filter(c -> !known.contains(c.id())).forEach(c -> fresh.putIfAbsent(c.id(), c));
        if (fresh.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<InteractionDocument> documents = fresh.values().stream()
                .map(c -> document(memberId, tenantId, c, now))
                .toList();
        List<String> stored = new ArrayList<>();
        try {
            aggregates.insertAll(documents, InteractionDocument.class);
            documents.forEach(d -> stored.add(d.getId()));
        } catch (DuplicateKeyException race) {
            // Captured meanwhile by another writer of the same occurrence: the rest one by one.
            log.info(
                    "Some captured interactions of member {} were stored meanwhile: storing the rest one by one",
                    memberId);
            for (Captured c : fresh.values()) {
                try {
                    stored.add(aggregates
                            .insert(document(memberId, tenantId, c, now))
                            .getId());
                } catch (DuplicateKeyException alreadyThere) {
                    // Stored by the other writer: nothing to do.
                }
            }
        }
        moveClocks(memberId, stored.stream().map(fresh::get).toList());
        return stored;
    }

    /**
     * Removes captured interactions (a meeting moved or cancelled, a source deleted with what it created) of the
     * member; answers how many were removed. Each contact's write comes first: its keep-in-touch clock goes back
     * to its newest remaining interaction when a removed one had set it, with one {@code InteractionRemoved} per
     * removed interaction; then the interactions go. A crash in between leaves them stored, to be removed by the
     * next attempt (the same plan again), whose events repeat what the consumers already did.
     */
    public int removeAll(String memberId, Collection<String> ids) {
        int removed = 0;
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            Query query = new Query(Criteria.where("_id").in(chunk));
            query.fields().include("_id", "memberId", "contactIds", "type", "occurredAt", "promises");
            List<InteractionDocument> owned = mongo.find(query, InteractionDocument.class).stream()
                    .filter(i -> memberId.equals(i.getMemberId()))
                    .toList();
            if (owned.isEmpty()) {
                continue;
            }
            Map<String, List<RemovedInteraction>> byContact = new LinkedHashMap<>();
            for (InteractionDocument i : owned) {
                RemovedInteraction gone = new RemovedInteraction(
                        i.getId(),
                        i.type,
                        i.occurredAt,
                        i.promises == null
                                ? List.of()
                                : i.promises.stream()
                                        .map(InteractionDocument.Promise::id)
                                        .toList());
                for (String contactId : i.contactIds == null ? List.<String>of() : i.contactIds) {
                    byContact.computeIfAbsent(contactId, c -> new ArrayList<>()).add(gone);
                }
            }
            byContact.forEach((contactId, gone) -> rewind.removing(memberId, contactId, gone));
            removed += (int) mongo.remove(
                            new Query(Criteria.where("_id")
                                    .in(owned.stream()
                                            .map(InteractionDocument::getId)
                                            .toList())),
                            InteractionDocument.class)
                    .getDeletedCount();
        }
        return removed;
    }

    /** One clock move per contact, to its latest captured interaction; then the interactions no longer wait for it. */
    private void moveClocks(String memberId, List<Captured> stored) {
        Map<String, Captured> latest = new LinkedHashMap<>();
        for (Captured c : stored) {
            latest.merge(c.contactId(), c, (a, b) -> a.occurredAt().isAfter(b.occurredAt()) ? a : b);
        }
        latest.values().stream()
                .sorted(Comparator.comparing(Captured::occurredAt))
                .forEach(c -> contacts.touch(memberId, c.contactId(), c.occurredAt(), c.summary(), c.id()));
        List<String> ids = stored.stream().map(Captured::id).toList();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            mongo.updateMulti(
                    new Query(Criteria.where("_id").in(ids.subList(from, Math.min(ids.size(), from + CHUNK)))),
                    new Update().set("pendingContactIds", List.of()),
                    InteractionDocument.class);
        }
    }

    private static InteractionDocument document(String memberId, String tenantId, Captured c, Instant now) {
        InteractionDocument interaction = new InteractionDocument(c.id(), memberId, tenantId);
        interaction.contactIds = List.of(c.contactId());
        interaction.pendingContactIds = new ArrayList<>(interaction.contactIds);
        interaction.type = c.type();
        interaction.direction = c.direction();
        interaction.occurredAt = c.occurredAt();
        interaction.summary = c.summary();
        interaction.loggedAt = now;
        interaction.promises = List.of();
        interaction.record(h -> new InteractionLogged(
                h,
                interaction.getId(),
                List.of(new InteractionLogged.Participant(c.contactId(), c.displayName())),
                InteractionKind.of(interaction.type),
                InteractionDirection.of(interaction.direction),
                interaction.occurredAt,
                interaction.summary,
                List.of()));
        return interaction;
    }
}

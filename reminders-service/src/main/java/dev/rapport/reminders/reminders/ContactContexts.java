package dev.rapport.reminders.reminders;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * What is known of each contact and of the member's own content, kept up to date from the consumed
 * events with single-document upserts (so a replayed event changes nothing more).
 */
@Component
public class ContactContexts {

    private final MongoTemplate mongo;

    ContactContexts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** What is known of a contact (an empty context when nothing is). */
    ContactContextDocument of(String memberId, String contactId) {
        ContactContextDocument found =
                mongo.findById(ContactContextDocument.idOf(memberId, contactId), ContactContextDocument.class);
        if (found != null) {
            return found;
        }
        ContactContextDocument empty = new ContactContextDocument();
        empty.memberId = memberId;
        empty.contactId = contactId;
        return empty;
    }

    /** The contact's name, tier and interests as the latest event told them. */
    void describe(String memberId, String contactId, String displayName, String tier, List<String> interests) {
        Update update = new Update();
        setIfPresent(update, "displayName", displayName);
        setIfPresent(update, "tier", tier);
        if (interests != null && !interests.isEmpty()) {
            update.set("interests", interests);
        }
        upsert(memberId, contactId, update);
    }

    /**
     * An interaction with the contact; outbound and mutual ones are touches for the minimum gap.
     *
     * @return what is known of the contact now
     */
    ContactContextDocument interaction(
            String memberId, String contactId, String displayName, Instant at, String summary, boolean touch) {
        if (at != null) {
            // The usual case, an interaction newer than the last one known: one conditional upsert. When the context
            // holds a later one, the condition fails, the upsert collides with the existing document, and only the
            // name and the touch are applied below.
            Update newer = interactionUpdate(displayName, at, touch)
                    .set("lastInteractionAt", at)
                    .set("lastInteractionSummary", summary)
                    .setOnInsert("memberId", memberId)
                    .setOnInsert("contactId", contactId);
            try {
                return mongo.findAndModify(
                        new Query(Criteria.where("_id")
                                .is(ContactContextDocument.idOf(memberId, contactId))
                                .orOperator(
                                        Criteria.where("lastInteractionAt").lt(at),
                                        Criteria.where("lastInteractionAt").is(null))),
                        newer,
                        FindAndModifyOptions.options().upsert(true).returnNew(true),
                        ContactContextDocument.class);
            } catch (DuplicateKeyException laterOneKnown) {
                // falls through: the context exists with a later (or the same) last interaction
            }
        }
        return upsert(memberId, contactId, interactionUpdate(displayName, at, touch));
    }

    /** What any interaction changes: the contact's name as it names them, and the touch (outbound and mutual ones). */
    private static Update interactionUpdate(String displayName, Instant at, boolean touch) {
        Update update = new Update();
        setIfPresent(update, "displayName", displayName);
        if (touch && at != null) {
            update.max("lastTouchAt", at);
        }
        return update;
    }

    /**
     * An interaction with the contact at {@code removedAt} was removed: when it was the last one known, the last
     * one becomes what contacts-service says remains ({@code lastAt}, null when none). A newer interaction known
     * here (logged after the removal, or a replayed old removal) stays the last one.
     */
    void interactionRemoved(String memberId, String contactId, Instant removedAt, Instant lastAt, String summary) {
        ContactContextDocument current = of(memberId, contactId);
        if (current.lastInteractionAt == null || removedAt == null || current.lastInteractionAt.isAfter(removedAt)) {
            return;
        }
        upsert(
                memberId,
                contactId,
                new Update()
                        .set("lastInteractionAt", lastAt)
                        .set("lastInteractionSummary", lastAt == null ? null : summary));
    }

    /** The member reached out (a reminder about the contact was done). */
    void touched(String memberId, String contactId, Instant at) {
        upsert(memberId, contactId, new Update().max("lastTouchAt", at));
    }

    /** A milestone of the contact, kept as their most recent one when it is newer. */
    void milestone(String memberId, String contactId, String title, String category, LocalDate date) {
        ContactContextDocument current = of(memberId, contactId);
        if (date != null && current.milestoneDate != null && date.isBefore(current.milestoneDate)) {
            return;
        }
        upsert(
                memberId,
                contactId,
                new Update()
                        .set("milestoneTitle", title)
                        .set("milestoneCategory", category)
                        .set("milestoneDate", date));
    }

    /** Staleness episode {@code episode} is over (the contact was re-engaged). */
    void reengaged(String memberId, String contactId, int episode) {
        upsert(memberId, contactId, new Update().max("reengagedEpisode", episode));
    }

    /**
     * The contact's birthday (null: cleared) as told by an event that happened at {@code asOf}.
     *
     * @return false when a later event told it already (a late or replayed event changes nothing)
     */
    boolean birthday(String memberId, String contactId, LocalDate birthday, Instant asOf) {
        ContactContextDocument current = of(memberId, contactId);
        if (current.birthdayAsOf != null && asOf.isBefore(current.birthdayAsOf)) {
            return false;
        }
        Update update = new Update().set("birthdayAsOf", asOf);
        if (birthday == null) {
            update.unset("birthday");
        } else {
            update.set("birthday", birthday);
        }
        upsert(memberId, contactId, update);
        return true;
    }

    /**
     * The contact was archived at {@code at}.
     *
     * @return whether that archive is still in force (false when the contact was restored after it)
     */
    boolean archived(String memberId, String contactId, Instant at) {
        return upsert(memberId, contactId, new Update().max("archivedAt", at)).archived();
    }

    /** The contact was restored (brought back from the archive) at {@code at}. */
    void restored(String memberId, String contactId, Instant at) {
        upsert(memberId, contactId, new Update().max("restoredAt", at));
    }

    /** For each contact, the member's last outbound touch. */
    public Map<String, Instant> lastTouches(String memberId, Collection<String> contactIds) {
        Map<String, Instant> touches = new HashMap<>();
        if (contactIds.isEmpty()) {
            return touches;
        }
        mongo.find(
                        new Query(Criteria.where("memberId")
                                .is(memberId)
                                .and("contactId")
                                .in(contactIds)),
                        ContactContextDocument.class)
                .forEach(c -> {
                    if (c.lastTouchAt != null) {
                        touches.put(c.contactId, c.lastTouchAt);
                    }
                });
        return touches;
    }

    /** The member's latest published content, or null. */
    MemberContentDocument latestContent(String memberId) {
        return mongo.findById(memberId, MemberContentDocument.class);
    }

    /** A publication of the member, kept when it is their latest. */
    void published(String memberId, String itemId, String title, String url, List<String> topics, Instant at) {
        MemberContentDocument current = latestContent(memberId);
        if (current != null && current.publishedAt != null && at != null && at.isBefore(current.publishedAt)) {
            return;
        }
        MemberContentDocument latest = new MemberContentDocument();
        latest.memberId = memberId;
        latest.itemId = itemId;
        latest.title = title;
        latest.url = url;
        latest.topics = topics == null ? List.of() : topics;
        latest.publishedAt = at;
        mongo.save(latest);
    }

    /** Applies {@code update} to the contact's context (made when there is none); answers the context after it. */
    private ContactContextDocument upsert(String memberId, String contactId, Update update) {
        update.setOnInsert("memberId", memberId).setOnInsert("contactId", contactId);
        return mongo.findAndModify(
                new Query(Criteria.where("_id").is(ContactContextDocument.idOf(memberId, contactId))),
                update,
                FindAndModifyOptions.options().upsert(true).returnNew(true),
                ContactContextDocument.class);
    }

    private static void setIfPresent(Update update, String field, String value) {
        if (value != null && !value.isBlank()) {
            update.set(field, value);
        }
    }
}

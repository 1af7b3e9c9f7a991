package dev.rapport.contacts.matching;

import dev.rapport.contacts.ContactsProperties;
import dev.rapport.contacts.contacts.ContactDocument;
import dev.rapport.contacts.contacts.ContactQueries;
import dev.rapport.contacts.domain.InterestMatching;
import dev.rapport.contacts.interactions.InteractionDocument;
import dev.rapport.contacts.interactions.InteractionService;
import dev.rapport.contracts.events.ContentPublished;
import dev.rapport.contracts.events.ContentShareSuggested;
import dev.rapport.support.events.Aggregates;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * On {@code ContentPublished}, finds the member's contacts whose interests or tags match the
 * content's topics and publishes {@code ContentShareSuggested} with the best few.
 */
@Service
public class ContentMatching {

    /** The interaction type that counts as having shared something with a contact. */
    static final String SHARED = "resource-shared";

    private final ContactQueries contacts;
    private final InteractionService interactions;
    private final MongoTemplate mongo;
    private final Aggregates aggregates;
    private final ContactsProperties properties;
    private final Clock clock;

    ContentMatching(
            ContactQueries contacts,
            InteractionService interactions,
            MongoTemplate mongo,
            Aggregates aggregates,
            ContactsProperties properties,
            Clock clock) {
        this.contacts = contacts;
        this.interactions = interactions;
        this.mongo = mongo;
        this.aggregates = aggregates;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Suggests whom to share a published item with. Idempotent: the suggestions of an item are one
     * document with an id derived from the item, inserted together with the event, so a second
     * delivery finds it and does nothing. Content matching no contact suggests nothing.
     */
    public void on(ContentPublished published) {
        if (mongo.exists(
                Query.query(Criteria.where("id")
                        .is(ShareSuggestionDocument.idOf(published.memberId(), published.itemId()))),
                ShareSuggestionDocument.class)) {
            return;
        }
        Instant now = clock.instant();
        ContactsProperties.Matching settings = properties.matching();
        Map<String, Instant> lastShared = new HashMap<>();
        try (Stream<InteractionDocument> recent =
                interactions.since(published.memberId(), now.minus(settings.recentShare()))) {
            recent.filter(interaction -> SHARED.equals(interaction.getType()))
                    .forEach(interaction -> interaction
                            .getContactIds()
                            .forEach(contactId -> lastShared.merge(
                                    contactId, interaction.getOccurredAt(), (a, b) -> a.isAfter(b) ? a : b)));
        }
        List<String> topics = published.topics() == null ? List.of() : published.topics();
        Set<String> wanted = InterestMatching.keysOf(topics);
        // Streamed, and only the contacts sharing a topic are kept: memory follows the matches, not the network.
        List<InterestMatching.Candidate> candidates;
        try (Stream<ContactDocument> active = contacts.stream(published.memberId(), false)) {
            candidates = wanted.isEmpty()
                    ? List.of()
                    : active.filter(c -> sharesTopic(c, wanted))
                            .map(c -> candidate(c, lastShared.get(c.getId())))
                            .toList();
        }
        List<InterestMatching.Match> matches =
                InterestMatching.rank(topics, candidates, now, settings.recentShare(), settings.maxSuggestions());
        ShareSuggestionDocument suggestion =
                new ShareSuggestionDocument(published.memberId(), published.tenantId(), published.itemId());
        suggestion.sourceEventId = published.eventId();
        suggestion.createdAt = now;
        suggestion.contactIds =
                matches.stream().map(InterestMatching.Match::contactId).toList();
        if (!matches.isEmpty()) {
            suggestion.record(h -> new ContentShareSuggested(
                    h,
                    published.itemId(),
                    published.title(),
                    published.url(),
                    published.topics(),
                    matches.stream()
                            .map(m -> new ContentShareSuggested.Suggestion(
                                    m.contactId(), m.displayName(), m.matchedTopics()))
                            .toList()));
        }
        try {
            aggregates.insert(suggestion);
        } catch (DuplicateKeyException alreadySuggested) {
            // Another delivery of the same item got here first: its suggestion stands.
        }
    }

    private static boolean sharesTopic(ContactDocument contact, Set<String> wanted) {
        return InterestMatching.sharesTopic(contact.getInterests(), contact.getTags(), wanted);
    }

    private static InterestMatching.Candidate candidate(ContactDocument contact, Instant lastSharedAt) {
        return new InterestMatching.Candidate(
                contact.getId(),
                contact.displayName(),
                contact.getTier(),
                contact.getInterests(),
                contact.getTags(),
                lastSharedAt);
    }
}

package dev.rapport.contacts.health;

import dev.rapport.contacts.contacts.ContactDocument;
import dev.rapport.contacts.contacts.ContactQueries;
import dev.rapport.contacts.contacts.ContactService;
import dev.rapport.contacts.domain.KeepInTouch;
import dev.rapport.contacts.domain.RelationshipHealth;
import dev.rapport.contacts.domain.Tier;
import dev.rapport.contacts.interactions.InteractionDocument;
import dev.rapport.contacts.interactions.InteractionService;
import dev.rapport.contracts.identity.IdentityAssertion;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

/** Relationship health of one contact and of the member's whole network. */
@Service
public class HealthService {

    /** How many of the lowest-scoring contacts the network view names. */
    static final int NEEDING_ATTENTION = 5;

    private static final RelationshipHealth.Tally NOTHING = new RelationshipHealth.Tally();

    private final ContactService contacts;
    private final ContactQueries queries;
    private final InteractionService interactions;
    private final Clock clock;
    private final ConcurrentMap<String, CompletableFuture<NetworkHealth>> inFlight = new ConcurrentHashMap<>();

    HealthService(ContactService contacts, ContactQueries queries, InteractionService interactions, Clock clock) {
        this.contacts = contacts;
        this.queries = queries;
        this.interactions = interactions;
        this.clock = clock;
    }

    /** The health of one of the caller's contacts. */
    public RelationshipHealth.Score ofContact(IdentityAssertion caller, String contactId) {
        ContactDocument contact = contacts.get(caller, contactId);
        Instant now = clock.instant();
        List<RelationshipHealth.Fact> facts =
                interactions.withContactSince(caller.memberId(), contactId, now.minus(RelationshipHealth.YEAR)).stream()
                        .map(i -> new RelationshipHealth.Fact(i.getOccurredAt(), i.getType()))
                        .toList();
        return RelationshipHealth.score(contact.effectiveCadenceDays(), contact.getLastInteractionAt(), facts, now);
    }

    /** A contact's score, for the network view. */
    public record ContactScore(String contactId, String displayName, Tier tier, int score) {}

    /** The network view: sizes, staleness, promises, balance and the relationships needing attention most. */
    public record NetworkHealth(
            int contacts,
            Map<String, Integer> byTier,
            int stale,
            int dueSoon,
            double staleShare,
            int averageScore,
            int overduePromisesMine,
            int overduePromisesTheirs,
            RelationshipHealth.Balance balance,
            List<ContactScore> needingAttention) {}

    /**
     * The caller's network view. Callers asking for the same member's view while it is being computed share that
     * computation (it reads the member's whole network once, whoever asks): twenty dashboards opened at once cost one
     * reading, not twenty competing ones. A caller that joins gets a view whose reading began at most one computation
     * before it asked.
     */
    public NetworkHealth ofNetwork(IdentityAssertion caller) {
        CompletableFuture<NetworkHealth> mine = new CompletableFuture<>();
        CompletableFuture<NetworkHealth> running = inFlight.putIfAbsent(caller.memberId(), mine);
        if (running != null) {
            return join(running);
        }
        try {
            mine.complete(computeNetwork(caller));
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
        } finally {
            inFlight.remove(caller.memberId(), mine);
        }
        return join(mine);
    }

    private static NetworkHealth join(CompletableFuture<NetworkHealth> view) {
        try {
            return view.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * The caller's whole network at once, in memory that does not grow with the member's interactions: the last
     * year's interactions streamed into a tally per contact, the contacts streamed (counters, a running score sum and
     * the {@value #NEEDING_ATTENTION} lowest scores kept), the open promises streamed into two counters.
     */
    private NetworkHealth computeNetwork(IdentityAssertion caller) {
        Instant now = clock.instant();
        Map<String, RelationshipHealth.Tally> tallies = new HashMap<>();
        RelationshipHealth.Tally network = new RelationshipHealth.Tally();
        try (Stream<InteractionDocument> lastYear =
                interactions.since(caller.memberId(), now.minus(RelationshipHealth.YEAR))) {
            lastYear.forEach(interaction -> {
                network.count(interaction.getType());
                for (String contactId : interaction.getContactIds()) {
                    tallies.computeIfAbsent(contactId, id -> new RelationshipHealth.Tally())
                            .countIfWithinYear(interaction.getOccurredAt(), interaction.getType(), now);
                }
            });
        }
        Map<String, Integer> byTier = new LinkedHashMap<>();
        for (Tier tier : Tier.values()) {
            byTier.put(tier.id(), 0);
        }
        Comparator<ContactScore> lowestFirst =
                Comparator.comparingInt(ContactScore::score).thenComparing(ContactScore::displayName);
        // The worst NEEDING_ATTENTION so far, the best of them on top to be evicted first.
        PriorityQueue<ContactScore> lowest = new PriorityQueue<>(lowestFirst.reversed());
        int size = 0;
        int stale = 0;
        int dueSoon = 0;
        long scoreSum = 0;
        try (Stream<ContactDocument> active = queries.stream(caller.memberId(), false)) {
            for (ContactDocument contact : (Iterable<ContactDocument>) active::iterator) {
                size++;
                byTier.merge(contact.getTier().id(), 1, Integer::sum);
                switch (KeepInTouch.status(contact.getNextTouchDueAt(), now)) {
                    case STALE -> stale++;
                    case DUE_SOON -> dueSoon++;
                    case OK -> {}
                }
                RelationshipHealth.Score score = RelationshipHealth.score(
                        contact.effectiveCadenceDays(),
                        contact.getLastInteractionAt(),
                        tallies.getOrDefault(contact.getId(), NOTHING),
                        now);
                scoreSum += score.score();
                lowest.add(new ContactScore(contact.getId(), contact.displayName(), contact.getTier(), score.score()));
                if (lowest.size() > NEEDING_ATTENTION) {
                    lowest.poll();
                }
            }
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int[] overdue = new int[2]; // mine, theirs
        try (Stream<InteractionDocument> open = interactions.withOpenPromises(caller.memberId())) {
            open.forEach(interaction -> {
                for (InteractionDocument.Promise promise : interaction.getPromises()) {
                    if (!promise.done() && promise.dueOn().isBefore(today)) {
                        overdue["me".equals(promise.owedBy()) ? 0 : 1]++;
                    }
                }
            });
        }
        int average = size == 0 ? 0 : (int) Math.round((double) scoreSum / size);
        double staleShare = size == 0 ? 0 : Math.round(100.0 * stale / size) / 100.0;
        return new NetworkHealth(
                size,
                byTier,
                stale,
                dueSoon,
                staleShare,
                average,
                overdue[0],
                overdue[1],
                network.balance(),
                lowest.stream().sorted(lowestFirst).toList());
    }
}

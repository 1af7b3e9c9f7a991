package dev.rapport.contacts.goalnetwork;

import dev.rapport.contacts.contacts.ContactDocument;
import dev.rapport.contacts.contacts.ContactQueries;
import dev.rapport.contacts.domain.InterestMatching;
import dev.rapport.contacts.goals.GoalDocument;
import dev.rapport.contacts.goals.GoalService;
import dev.rapport.contacts.groups.GroupDocument;
import dev.rapport.contacts.groups.GroupService;
import dev.rapport.contracts.identity.IdentityAssertion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

/**
 * Who in the network relates to a goal: it reads goals, contacts and groups, so it sits above all three
 * (which then need not know of each other's queries).
 */
@Service
public class GoalNetwork {

    /** How many contacts beyond the linked ones a goal's network suggests. */
    static final int SUGGESTIONS = 10;

    private final GoalService goals;
    private final ContactQueries contacts;
    private final GroupService groups;
    private final Clock clock;

    GoalNetwork(GoalService goals, ContactQueries contacts, GroupService groups, Clock clock) {
        this.goals = goals;
        this.contacts = contacts;
        this.groups = groups;
        this.clock = clock;
    }

    /** Who in the network relates to a goal: linked contacts and groups, and contacts whose interests match its topics. */
    public record Network(
            GoalDocument goal,
            List<ContactDocument> linkedContacts,
            List<GroupDocument> linkedGroups,
            List<InterestMatching.Match> suggestedContacts) {}

    /** The network of one of the caller's goals; another member's id answers 404. */
    public Network of(IdentityAssertion caller, String id) {
        GoalDocument goal = goals.get(caller, id);
        // Streamed: the linked contacts and those sharing a topic with the goal are kept, not the whole network.
        Set<String> topics = InterestMatching.keysOf(goal.getTopics());
        List<ContactDocument> linked = new ArrayList<>();
        List<InterestMatching.Candidate> others = new ArrayList<>();
        try (Stream<ContactDocument> active = contacts.stream(caller.memberId(), false)) {
            active.forEach(c -> {
                if (c.getGoalIds().contains(goal.getId())) {
                    linked.add(c);
                } else if (InterestMatching.sharesTopic(c.getInterests(), c.getTags(), topics)) {
                    others.add(new InterestMatching.Candidate(
                            c.getId(), c.displayName(), c.getTier(), c.getInterests(), c.getTags(), null));
                }
            });
        }
        Instant now = clock.instant();
        return new Network(
                goal,
                linked,
                groups.linkedTo(caller.memberId(), goal.getId()),
                InterestMatching.rank(goal.getTopics(), others, now, Duration.ZERO, SUGGESTIONS));
    }
}

package dev.rapport.contacts.goalnetwork;

import dev.rapport.contacts.contacts.ContactView;
import dev.rapport.contacts.domain.InterestMatching;
import dev.rapport.contacts.goals.GoalView;
import dev.rapport.contacts.groups.GroupView;
import dev.rapport.contracts.identity.IdentityAssertion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The network of a goal, a resource below {@code /api/v1/goals} (its operation keeps the id it had there). */
@RestController
@RequestMapping("/api/v1/goals")
@Tag(name = "Goals", description = "Concrete professional goals and who in the network relates to them")
class GoalNetworkController {

    private final GoalNetwork networks;
    private final Clock clock;

    GoalNetworkController(GoalNetwork networks, Clock clock) {
        this.networks = networks;
        this.clock = clock;
    }

    /** Who relates to a goal. */
    record GoalNetworkView(
            GoalView goal,
            List<ContactView> linkedContacts,
            List<GroupView> linkedGroups,
            List<InterestMatching.Match> suggestedContacts) {}

    @GetMapping("/{id}/network")
    @Operation(
            operationId = "networkGoal",
            summary = "Who in my network relates to this goal",
            description = "The contacts and groups linked to it, and other contacts whose interests or tags match its"
                    + " topics (closest tier first).")
    GoalNetworkView network(IdentityAssertion caller, @PathVariable String id) {
        GoalNetwork.Network network = networks.of(caller, id);
        var now = clock.instant();
        return new GoalNetworkView(
                GoalView.of(network.goal()),
                network.linkedContacts().stream()
                        .map(c -> ContactView.of(c, now))
                        .toList(),
                network.linkedGroups().stream().map(GroupView::of).toList(),
                network.suggestedContacts());
    }
}

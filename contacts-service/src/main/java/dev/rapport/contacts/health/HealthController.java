package dev.rapport.contacts.health;

import dev.rapport.contacts.domain.RelationshipHealth;
import dev.rapport.contracts.identity.IdentityAssertion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Relationship health, per contact and for the whole network. */
@RestController
@Tag(name = "Network", description = "Relationship health, network analytics and default cadences")
class HealthController {

    private final HealthService service;

    HealthController(HealthService service) {
        this.service = service;
    }

    /** One part of a score, explained in the caller's language. */
    record PartView(String name, int points, int max, String explanation) {}

    /** A relationship's health. */
    record ContactHealthView(String contactId, int score, List<PartView> parts) {}

    @GetMapping("/api/v1/contacts/{id}/health")
    @Operation(
            summary = "A relationship's health, 0 to 100, explained",
            description = "recency against the cadence (up to 50), frequency over the last 365 days (up to 30) and"
                    + " give/receive balance (up to 20). Explanations in Spanish or English (Accept-Language).")
    ContactHealthView contact(
            IdentityAssertion caller,
            @PathVariable String id,
            @Parameter(description = "es or en (default)")
                    @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false)
                    String language) {
        RelationshipHealth.Score score = service.ofContact(caller, id);
        boolean spanish = language != null
                && language.strip().toLowerCase(java.util.Locale.ROOT).startsWith("es");
        return new ContactHealthView(
                id,
                score.score(),
                score.parts().stream()
                        .map(p -> new PartView(p.name(), p.points(), p.max(), spanish ? p.es() : p.en()))
                        .toList());
    }

    @GetMapping("/api/v1/network/health")
    @Operation(
            summary = "The health of your whole network",
            description = "Active contacts by tier, how many are stale (overdue) or due soon and the stale share,"
                    + " the average health score, overdue promises (yours and theirs), what you gave and received over"
                    + " the last 365 days, and the relationships needing attention most.")
    HealthService.NetworkHealth network(IdentityAssertion caller) {
        return service.ofNetwork(caller);
    }
}

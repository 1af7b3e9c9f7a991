package dev.rapport.contacts.contacts;

import dev.rapport.contacts.domain.Cadences;
import dev.rapport.contracts.identity.IdentityAssertion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The member's default keep-in-touch cadence of each tier. */
@RestController
@RequestMapping("/api/v1/network/cadences")
@Tag(name = "Network")
class CadenceController {

    private final ContactClock service;

    CadenceController(ContactClock service) {
        this.service = service;
    }

    /** Default cadences per tier, in days. */
    record CadencesBody(
            @NotNull @Min(Cadences.MIN_DAYS) @Max(Cadences.MAX_DAYS)
            Integer inner,

            @NotNull @Min(Cadences.MIN_DAYS) @Max(Cadences.MAX_DAYS)
            Integer strategic,

            @NotNull @Min(Cadences.MIN_DAYS) @Max(Cadences.MAX_DAYS)
            Integer regular,

            @NotNull @Min(Cadences.MIN_DAYS) @Max(Cadences.MAX_DAYS)
            Integer acquaintance) {

        static CadencesBody of(Cadences c) {
            return new CadencesBody(c.inner(), c.strategic(), c.regular(), c.acquaintance());
        }
    }

    @GetMapping
    @Operation(
            summary = "Your default cadence per tier",
            description = "Days between touches: inner 30, strategic 60, regular 120, acquaintance 365 unless changed.")
    CadencesBody get(IdentityAssertion caller) {
        return CadencesBody.of(service.cadences(caller));
    }

    @PutMapping
    @Operation(
            summary = "Change your default cadence per tier",
            description = "Every contact without a cadence of its own follows the new default at once: its next"
                    + " touch is recomputed from its latest interaction.")
    CadencesBody put(IdentityAssertion caller, @Valid @RequestBody CadencesBody body) {
        return CadencesBody.of(service.changeCadences(
                caller, new Cadences(body.inner(), body.strategic(), body.regular(), body.acquaintance())));
    }
}

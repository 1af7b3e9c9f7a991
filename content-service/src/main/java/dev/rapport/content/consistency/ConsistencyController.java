package dev.rapport.content.consistency;

import dev.rapport.content.domain.ConsistencyAnalyzer;
import dev.rapport.contracts.identity.IdentityAssertion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Locale;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** How steadily the member publishes on each channel. */
@RestController
@Validated
@Tag(name = "Content consistency", description = "Streaks, gaps, bursts, a 0–100 score and concrete suggestions")
@RequestMapping("/api/v1/content/consistency")
class ConsistencyController {

    private final ConsistencyService service;

    ConsistencyController(ConsistencyService service) {
        this.service = service;
    }

    @GetMapping
    @Operation(
            summary = "Consistency per channel over a rolling window of completed periods",
            description = "score = 100 × (0.6 × share of periods that met the cadence + 0.2 × share of items that"
                    + " were not extra to their period + 0.2 × (1 − longest gap / periods judged)); null while no"
                    + " period is complete. Suggestions follow Accept-Language (es or en).")
    ConsistencyReport consistency(
            IdentityAssertion caller,
            @Parameter(description = "Completed periods to judge per channel")
                    @RequestParam(defaultValue = "" + ConsistencyAnalyzer.DEFAULT_WINDOW)
                    @Min(1)
                    @Max(52)
                    int periods,
            Locale locale) {
        return service.report(caller.memberId(), periods, locale);
    }
}

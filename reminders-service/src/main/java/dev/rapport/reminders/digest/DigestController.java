package dev.rapport.reminders.digest;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.reminders.settings.NotificationSettingsService;
import dev.rapport.reminders.settings.domain.MemberPreferences;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The daily keep-in-touch digest. */
@RestController
@Tag(name = "Digest", description = "The few reminders worth today's attention")
class DigestController {

    private final DigestSource digests;
    private final NotificationSettingsService settings;
    private final Clock clock;

    DigestController(DigestSource digests, NotificationSettingsService settings, Clock clock) {
        this.digests = digests;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping("/api/v1/digest/today")
    @Operation(
            summary = "Today's digest, prioritized and capped",
            description = "Reminders due by the member's today (in their time zone): promises due or overdue first,"
                    + " then congratulations, then inner and strategic contacts, then the most overdue; people"
                    + " touched within the minimum gap rest (except for keeping one's own promise and"
                    + " congratulating); at most the daily cap.")
    DigestView today(IdentityAssertion caller) {
        MemberPreferences member = settings.preferences(caller.memberId());
        DigestSource.Chosen chosen = digests.digest(caller.memberId(), member, clock.instant());
        return new DigestView(
                chosen.date(),
                member.zone().getId(),
                member.locale().getLanguage(),
                member.dailyCap(),
                chosen.items(),
                chosen.heldBack(),
                chosen.resting());
    }
}

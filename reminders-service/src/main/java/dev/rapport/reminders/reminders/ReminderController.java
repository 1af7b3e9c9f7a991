package dev.rapport.reminders.reminders;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.CursorPage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The member's reminders. */
@RestController
@Validated
@RequestMapping("/api/v1/reminders")
class ReminderController {

    private final ReminderService service;

    ReminderController(ReminderService service) {
        this.service = service;
    }

    @GetMapping
    CursorPage<ReminderView> list(
            IdentityAssertion caller,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        CursorPage<ReminderDocument> page = service.list(caller, status, cursor, limit);
        return new CursorPage<>(page.items().stream().map(ReminderView::of).toList(), page.total(), page.nextCursor());
    }
}

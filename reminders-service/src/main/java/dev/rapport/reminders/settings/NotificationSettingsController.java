package dev.rapport.reminders.settings;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.ConditionalRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The member's notification settings: daily cap, minimum gap, digest time, quiet hours, language, webhook. */
@RestController
@RequestMapping("/api/v1/me/notification-settings")
@Tag(name = "Notification settings", description = "How and when the member is reminded")
class NotificationSettingsController {

    private final NotificationSettingsService settings;

    NotificationSettingsController(NotificationSettingsService settings) {
        this.settings = settings;
    }

    @GetMapping
    @Operation(summary = "The member's settings (defaults until set), with an ETag")
    ResponseEntity<NotificationSettingsView> get(IdentityAssertion caller) {
        NotificationSettingsService.Versioned current = settings.view(caller);
        return ResponseEntity.ok().eTag(current.etag()).body(current.view());
    }

    @PutMapping
    @Operation(
            summary = "Replace the member's settings",
            description = "Fields left out take their defaults. With If-Match, a stale version answers 412. Setting a"
                    + " webhook for the first time (or with rotateSecret) returns its signing secret, once.")
    ResponseEntity<NotificationSettingsView> put(
            IdentityAssertion caller,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody NotificationSettingsRequest request) {
        NotificationSettingsService.Versioned saved = settings.replace(
                caller, request, ConditionalRequests.expectedVersion(ifMatch, "must be an ETag of these settings"));
        return ResponseEntity.ok().eTag(saved.etag()).body(saved.view());
    }
}

package dev.rapport.contacts.capture;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.IdempotentRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** IMAP mailboxes a member connects so that mail with contacts is logged (headers only). */
@RestController
@RequestMapping("/api/v1/sync/mailboxes")
@Tag(name = "Capture")
class MailboxController {

    private final MailboxSources sources;
    private final IdempotentRequests idempotency;

    MailboxController(MailboxSources sources, IdempotentRequests idempotency) {
        this.sources = sources;
        this.idempotency = idempotency;
    }

    @PostMapping
    @Operation(
            operationId = "addMailbox",
            summary = "Connect an IMAP mailbox (headers only)",
            description = "Host, port, TLS (required unless the service allows insecure test servers), username and an"
                    + " app password, stored encrypted and never shown again. Every poll-interval (15 min) the inbox"
                    + " and the Sent folder are read from where the last sync stopped (the first time, the last"
                    + " lookback, 90 days): only the headers (From, To, Cc, Date, Subject, Message-ID), never a body"
                    + " or an attachment. A message with one of your contacts becomes one `email` interaction per"
                    + " message and contact (outbound when you sent it, inbound when they did), once per Message-ID,"
                    + " with its subject as summary unless summaries is false. A wrong password or an unreachable"
                    + " server sets status error with a code. Safe to retry with an Idempotency-Key.")
    ResponseEntity<?> add(
            IdentityAssertion caller,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody MailboxRequest request) {
        return idempotency.execute(caller, idempotencyKey, request, () -> {
            MailboxSourceDocument source = sources.add(caller, request);
            return ResponseEntity.created(URI.create("/api/v1/sync/mailboxes/" + source.getId()))
                    .body(MailboxSourceView.of(source));
        });
    }

    @GetMapping
    @Operation(summary = "Your connected mailboxes")
    List<MailboxSourceView> list(IdentityAssertion caller) {
        return sources.mine(caller.memberId()).stream()
                .map(MailboxSourceView::of)
                .toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "A connected mailbox", description = "Its status, last sync and counts.")
    MailboxSourceView get(IdentityAssertion caller, @PathVariable String id) {
        return MailboxSourceView.of(sources.get(caller, id));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Pause, resume or rename a mailbox, or turn its summaries off")
    MailboxSourceView change(
            IdentityAssertion caller, @PathVariable String id, @Valid @RequestBody CalendarChange change) {
        return MailboxSourceView.of(sources.change(caller, id, change));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Remove a mailbox", description = "It is not read again; the interactions it logged stay.")
    ResponseEntity<Void> remove(IdentityAssertion caller, @PathVariable String id) {
        sources.remove(caller, id);
        return ResponseEntity.noContent().build();
    }
}

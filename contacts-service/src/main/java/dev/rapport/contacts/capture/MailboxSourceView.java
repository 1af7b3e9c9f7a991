package dev.rapport.contacts.capture;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A connected mailbox as the API shows it: never its password. */
public record MailboxSourceView(
        String id,
        String name,
        String host,
        int port,
        String security,
        String username,
        boolean summaries,
        boolean paused,

        @Schema(description = "pending (not synced yet), ok or error")
        String status,

        CalendarSourceView.Error error,
        Instant createdAt,
        Instant lastSyncAt,
        Instant lastSuccessAt,
        Instant nextSyncAt,
        @Schema(description = "Message headers read so far") long messagesRead,

        @Schema(description = "email interactions logged so far")
        long interactionsLogged) {

    static MailboxSourceView of(MailboxSourceDocument s) {
        return new MailboxSourceView(
                s.getId(),
                s.name,
                s.host,
                s.port,
                s.security,
                s.username,
                s.summaries,
                s.paused,
                s.status,
                s.errorCode == null ? null : new CalendarSourceView.Error(s.errorCode, s.errorMessage),
                s.createdAt,
                s.lastSyncAt,
                s.lastSuccessAt,
                s.nextSyncAt,
                s.messagesRead,
                s.interactionsLogged);
    }
}

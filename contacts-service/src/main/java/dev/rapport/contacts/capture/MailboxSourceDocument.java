package dev.rapport.contacts.capture;

import dev.rapport.support.events.OutboxDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An IMAP mailbox a member connected (collection {@code mailbox_sources}): where it is, who the member is in it,
 * the password (encrypted), and how far each folder has been read (UIDVALIDITY and the last UID), so that the next
 * sync resumes there.
 */
@Document("mailbox_sources")
public class MailboxSourceDocument extends OutboxDocument {

    String name;
    String host;
    int port;
    String security;
    String username;
    String sealedPassword;
    /** The member's own addresses in this mailbox (the username when it is one, and the address given). */
    List<String> ownAddresses = new ArrayList<>();

    boolean summaries = true;
    boolean paused;
    Instant createdAt;

    Instant nextSyncAt;
    Instant leaseUntil;
    Instant lastSyncAt;
    Instant lastSuccessAt;
    String status = "pending";
    String errorCode;
    String errorMessage;
    long messagesRead;
    long interactionsLogged;

    List<Folder> folders = new ArrayList<>();

    /** How far a folder was read. */
    public record Folder(String name, long uidValidity, long lastUid) {}

    protected MailboxSourceDocument() {}

    MailboxSourceDocument(String id, String memberId, String tenantId) {
        this.id = id;
        this.memberId = memberId;
        this.tenantId = tenantId;
    }
}

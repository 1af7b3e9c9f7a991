package dev.rapport.contacts.capture;

import dev.rapport.contacts.capture.domain.MailCapture;
import dev.rapport.support.outbound.OutboundGuard;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.SentDateTerm;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.springframework.stereotype.Component;

/**
 * Reads message headers from an IMAP mailbox with Jakarta Mail: the inbox and the Sent folder, opened read-only,
 * from the UID after the last one read (or, the first time and after a UIDVALIDITY change, from {@code lookback}
 * ago), fetching the envelope only (From, To, Cc, Date, Subject, Message-ID): never a body or an attachment.
 */
@Component
class MailboxReader {

    /** The headers of a folder read since last time, and how far it now is. */
    record FolderRead(String name, boolean sent, long uidValidity, long lastUid, List<Read> messages) {}

    /** One message's headers with its UID. */
    record Read(long uid, MailCapture.Headers headers) {}

    /** The mailbox could not be read: a stable code and a message for the member. */
    static final class MailboxException extends Exception {
        final String code;

        MailboxException(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    private static final List<String> SENT_NAMES =
            List.of("sent", "sent items", "sent messages", "sent mail", "[gmail]/sent mail", "inbox.sent", "enviados");

    private final OutboundGuard guard;
    private final CaptureProperties.Mailboxes settings;

    MailboxReader(OutboundGuard guard, CaptureProperties properties) {
        this.guard = guard;
        this.settings = properties.mailboxes();
    }

    /** Reads the folders, resuming each at {@code since} (folder name → UIDVALIDITY and last UID). */
    List<FolderRead> read(
            String host,
            int port,
            String security,
            String username,
            String password,
            List<MailboxSourceDocument.Folder> since,
            Instant now)
            throws MailboxException {
        InetAddress vetted;
        try {
            // The outbound guard's rules for a member-given host: a public address unless private ones are allowed.
            // The connection goes to this address (not to a second resolution of the name: DNS rebinding).
            vetted = guard.resolve(host)[0];
        } catch (UnknownHostException e) {
            throw new MailboxException("address-refused", "the server's address is refused: " + e.getMessage());
        }
        String protocol = "tls".equals(security) ? "imaps" : "imap";
        Properties props = new Properties();
        String ms = String.valueOf(settings.timeout().toMillis());
        props.put("mail." + protocol + ".connectiontimeout", ms);
        props.put("mail." + protocol + ".timeout", ms);
        props.put("mail." + protocol + ".writetimeout", ms);
        props.put("mail." + protocol + ".socketFactory", new PinnedSocketFactory(vetted));
        props.put("mail." + protocol + ".socketFactory.fallback", "false");
        if ("tls".equals(security)) {
            props.put("mail.imaps.ssl.checkserveridentity", "true");
        }
        if ("starttls".equals(security)) {
            props.put("mail.imap.starttls.enable", "true");
            props.put("mail.imap.starttls.required", "true");
            props.put("mail.imap.ssl.checkserveridentity", "true");
        }
        Session session = Session.getInstance(props);
        try (Store store = session.getStore(protocol)) {
            store.connect(host, port, username, password);
            List<FolderRead> read = new ArrayList<>();
            read.add(folder(store.getFolder("INBOX"), false, since, now));
            Folder sent = sentFolder(store);
            if (sent != null) {
                read.add(folder(sent, true, since, now));
            }
            return read;
        } catch (AuthenticationFailedException e) {
            throw new MailboxException("wrong-credentials", "the server refused the username or password");
        } catch (MessagingException e) {
            throw new MailboxException(
                    "unreachable",
                    "the mailbox could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Folder sentFolder(Store store) throws MessagingException {
        Folder[] all = store.getDefaultFolder().list("*");
        for (Folder folder : all) {
            if (folder instanceof org.eclipse.angus.mail.imap.IMAPFolder imap
                    && Arrays.asList(imap.getAttributes()).contains("\\Sent")) {
                return folder;
            }
        }
        for (Folder folder : all) {
            if (SENT_NAMES.contains(folder.getFullName().toLowerCase(Locale.ROOT))) {
                return folder;
            }
        }
        return null;
    }

    private FolderRead folder(Folder folder, boolean sent, List<MailboxSourceDocument.Folder> since, Instant now)
            throws MessagingException {
        folder.open(Folder.READ_ONLY);
        try {
            UIDFolder uids = (UIDFolder) folder;
            long validity = uids.getUIDValidity();
            MailboxSourceDocument.Folder before = since.stream()
                    .filter(f -> f.name().equals(folder.getFullName()) && f.uidValidity() == validity)
                    .findFirst()
                    .orElse(null);
            Message[] messages = before == null
                    ? folder.search(new SentDateTerm(ComparisonTerm.GE, Date.from(now.minus(settings.lookback()))))
                    : uids.getMessagesByUID(before.lastUid() + 1, UIDFolder.LASTUID);
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(UIDFolder.FetchProfileItem.UID);
            folder.fetch(messages, profile);
            long last = before == null ? 0 : before.lastUid();
            List<Read> read = new ArrayList<>();
            List<Message> sorted = new ArrayList<>(Arrays.asList(messages));
            sorted.sort(Comparator.comparingLong(m -> uid(uids, m)));
            for (Message message : sorted) {
                long uid = uid(uids, message);
                // "n:*" answers the last message when there is nothing newer than n.
                if (uid <= last || read.size() >= settings.maxMessages()) {
                    continue;
                }
                read.add(new Read(uid, headers(message)));
            }
            long lastUid = read.isEmpty() ? last : read.getLast().uid();
            return new FolderRead(folder.getFullName(), sent, validity, lastUid, read);
        } finally {
            folder.close(false);
        }
    }

    private static long uid(UIDFolder folder, Message message) {
        try {
            return folder.getUID(message);
        } catch (MessagingException e) {
            return -1;
        }
    }

    private static MailCapture.Headers headers(Message message) throws MessagingException {
        Date sent = message.getSentDate() != null ? message.getSentDate() : message.getReceivedDate();
        return new MailCapture.Headers(
                message instanceof MimeMessage mime ? mime.getMessageID() : null,
                emails(message.getFrom()),
                emails(message.getRecipients(Message.RecipientType.TO)),
                emails(message.getRecipients(Message.RecipientType.CC)),
                sent == null ? null : sent.toInstant(),
                message.getSubject());
    }

    private static List<String> emails(Address[] addresses) {
        if (addresses == null) {
            return List.of();
        }
        return Arrays.stream(addresses)
                .filter(InternetAddress.class::isInstance)
                .map(a -> ((InternetAddress) a).getAddress())
                .filter(a -> a != null && a.contains("@"))
                .toList();
    }
}

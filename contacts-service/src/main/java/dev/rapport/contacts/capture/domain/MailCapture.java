package dev.rapport.contacts.capture.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who a mail was with, from its headers alone: a mail in the Sent folder, or from one of the member's own
 * addresses, is outbound to its To and Cc recipients (the member's own addresses left out); any other is inbound
 * from its sender. Bodies and attachments are never needed.
 */
public final class MailCapture {

    /**
     * The headers read of one message.
     *
     * @param messageId its Message-ID, or null (then the folder, UIDVALIDITY and UID stand in for it)
     */
    public record Headers(
            String messageId, List<String> from, List<String> to, List<String> cc, Instant sentAt, String subject) {}

    /** What a message is: outbound or inbound, with whom (lower-cased e-mails). */
    public record Exchange(String direction, Set<String> counterparties) {}

    private MailCapture() {}

    public static Exchange exchange(Headers headers, boolean sentFolder, Set<String> own) {
        Set<String> mine = lower(own);
        Set<String> from = lower(headers.from());
        boolean outbound = sentFolder || from.stream().anyMatch(mine::contains);
        Set<String> others = new LinkedHashSet<>();
        if (outbound) {
            others.addAll(lower(headers.to()));
            others.addAll(lower(headers.cc()));
        } else {
            others.addAll(from);
        }
        others.removeAll(mine);
        return new Exchange(outbound ? "outbound" : "inbound", others);
    }

    /** The key of a message across folders and syncs: its Message-ID without case or angle brackets. */
    public static String key(String messageId, String folder, long uidValidity, long uid) {
        if (messageId == null || messageId.isBlank()) {
            return folder + "|" + uidValidity + "|" + uid;
        }
        String id = messageId.strip().toLowerCase(Locale.ROOT);
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        return id;
    }

    private static Set<String> lower(java.util.Collection<String> emails) {
        Set<String> out = new LinkedHashSet<>();
        for (String email : emails == null ? new ArrayList<String>() : emails) {
            if (email != null && !email.isBlank()) {
                out.add(email.strip().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}

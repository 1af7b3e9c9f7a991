package dev.rapport.contacts.imports.domain;

import dev.rapport.contacts.domain.MatchKeys;
import dev.rapport.contacts.imports.domain.LinkedInMessagesReader.Message;
import dev.rapport.contacts.imports.domain.LinkedInMessagesReader.MessageRow;
import dev.rapport.contacts.imports.domain.LinkedInMessagesReader.Participant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which messages of a LinkedIn {@code messages.csv} are interactions with which of the member's contacts: the
 * member is told apart from the other participants (given, or the participant of the most conversations), each
 * message's other party is matched to a contact by profile URL, else by a name no one else of the member's
 * contacts has, and every (message, contact) pair becomes one capture with a stable occurrence key.
 */
public final class MessageCapture {

    /** The longest summary stored when the member asks for the content (the interactions API's limit). */
    public static final int MAX_SUMMARY = 5_000;

    /** One of the member's contacts, as far as recognising a participant needs. */
    public record Known(String contactId, String displayName, String fullName, List<String> profileUrls) {}

    /**
     * A message that is an interaction with one contact.
     *
     * @param occurrence what identifies the message in every export of the same conversation
     * @param summary the message's content when the member asked for it, else null
     */
    public record Capture(
            String occurrence, String contactId, String displayName, String direction, Instant at, String summary) {}

    /**
     * What a row is: captures (none for a message with no contact of the member, or a draft), or a problem.
     *
     * @param problem why the row was rejected; null for a message
     */
    public record Planned(long line, List<Capture> captures, RowProblem problem, List<RowProblem> warnings) {}

    /** The participant who is the member cannot be told, or is not in the file. */
    public static final class UnknownMemberException extends RuntimeException {
        public UnknownMemberException(String message) {
            super(message);
        }
    }

    private record Me(String urlKey, String nameKey) {}

    private final Map<String, List<Known>> byUrl = new HashMap<>();
    private final Map<String, List<Known>> byName = new HashMap<>();

    public MessageCapture(List<Known> contacts) {
        for (Known contact : contacts) {
            for (String url : contact.profileUrls()) {
                String key = MatchKeys.url(url);
                if (key != null) {
                    byUrl.computeIfAbsent(key, k -> new ArrayList<>()).add(contact);
                }
            }
            String name = MatchKeys.name(contact.fullName());
            if (name != null) {
                byName.computeIfAbsent(name, k -> new ArrayList<>()).add(contact);
            }
        }
    }

    /**
     * Plans every row.
     *
     * @param me the member's profile URL or name as LinkedIn writes it; null to take the participant of the
     *     most conversations
     * @param withContent keep each message's content as the interaction's summary
     * @throws UnknownMemberException when {@code me} is in no message, or when it is null and two participants
     *     are in as many conversations
     * @param now messages after it are rejected (a clock gone wrong): an interaction is never in the future
     */
    public List<Planned> plan(List<MessageRow> rows, String me, boolean withContent, Instant now) {
        List<Message> messages = rows.stream()
                .filter(Message.class::isInstance)
                .map(Message.class::cast)
                .toList();
        Me member = me == null ? mostPresent(messages) : given(messages, me);
        List<Planned> planned = new ArrayList<>();
        for (MessageRow row : rows) {
            switch (row) {
                case LinkedInMessagesReader.Rejected rejected ->
                    planned.add(new Planned(rejected.line(), List.of(), rejected.problem(), List.of()));
                case Message message ->
                    planned.add(
                            message.at().isAfter(now)
                                    ? new Planned(
                                            message.line(),
                                            List.of(),
                                            RowProblem.of(
                                                    "future-message-date",
                                                    message.at().toString()),
                                            List.of())
                                    : plan(message, member, withContent));
            }
        }
        return planned;
    }

    private Planned plan(Message message, Me member, boolean withContent) {
        if (message.draft()) {
            return new Planned(message.line(), List.of(), null, List.of());
        }
        boolean outbound = isMe(message.from(), member);
        List<Participant> others =
                outbound ? message.to().stream().filter(p -> !isMe(p, member)).toList() : List.of(message.from());
        String direction = outbound ? "outbound" : "inbound";
        String occurrence = occurrence(message);
        String summary = withContent ? summary(message) : null;
        List<RowProblem> warnings = new ArrayList<>();
        Map<String, Capture> captures = new LinkedHashMap<>();
        for (Participant other : others) {
            List<Known> found = candidates(other);
            if (found.size() > 1) {
                warnings.add(RowProblem.of("ambiguous-name", other.name()));
                continue;
            }
            if (found.size() == 1) {
                Known contact = found.getFirst();
                captures.putIfAbsent(
                        contact.contactId(),
                        new Capture(
                                occurrence,
                                contact.contactId(),
                                contact.displayName(),
                                direction,
                                message.at(),
                                summary));
            }
        }
        return new Planned(message.line(), List.copyOf(captures.values()), null, warnings);
    }

    /**
     * The contacts a participant may be: those with their profile URL; else those with their name, unless the
     * contact has another LinkedIn profile (two LinkedIn profiles are two people).
     */
    private List<Known> candidates(Participant participant) {
        String url = MatchKeys.url(participant.profileUrl());
        if (url != null && byUrl.containsKey(url)) {
            return List.of(byUrl.get(url).getFirst());
        }
        String name = MatchKeys.name(participant.name());
        if (name == null) {
            return List.of();
        }
        return byName.getOrDefault(name, List.of()).stream()
                .filter(contact -> url == null || contact.profileUrls().stream().noneMatch(MessageCapture::isLinkedIn))
                .toList();
    }

    private static boolean isLinkedIn(String url) {
        String key = MatchKeys.url(url);
        return key != null && key.startsWith("linkedin.com/");
    }

    private static boolean isMe(Participant participant, Me me) {
        String url = MatchKeys.url(participant.profileUrl());
        if (url != null && me.urlKey() != null) {
            return url.equals(me.urlKey());
        }
        String name = MatchKeys.name(participant.name());
        return name != null && name.equals(me.nameKey());
    }

    /** The participant (by profile URL, else by name) in the most conversations, when no other is in as many. */
    private static Me mostPresent(List<Message> messages) {
        Map<String, Set<String>> conversations = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (Message message : messages) {
            String conversation =
                    message.conversationId() == null ? "line " + message.line() : message.conversationId();
            List<Participant> everyone = new ArrayList<>(message.to());
            everyone.add(message.from());
            for (Participant participant : everyone) {
                String key = key(participant);
                if (key != null) {
                    conversations.computeIfAbsent(key, k -> new HashSet<>()).add(conversation);
                    if (participant.name() != null) {
                        names.putIfAbsent(key, MatchKeys.name(participant.name()));
                    }
                }
            }
        }
        List<Map.Entry<String, Set<String>>> ranked = conversations.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Set<String>> e) ->
                                e.getValue().size())
                        .reversed())
                .toList();
        if (ranked.isEmpty()) {
            throw new UnknownMemberException("the file has no message: nothing to capture");
        }
        if (ranked.size() > 1
                && ranked.get(1).getValue().size()
                        == ranked.getFirst().getValue().size()) {
            throw new UnknownMemberException("two people are in as many conversations of the file: say which one"
                    + " is you with me=<your LinkedIn profile URL>");
        }
        String top = ranked.getFirst().getKey();
        return top.startsWith("url:") ? new Me(top.substring(4), names.get(top)) : new Me(null, top.substring(5));
    }

    /** The member as given: a profile URL (anything with a slash) or a name, found in the file. */
    private static Me given(List<Message> messages, String me) {
        String url = me.contains("/") ? MatchKeys.url(me) : null;
        String name = url == null ? MatchKeys.name(me) : null;
        for (Message message : messages) {
            List<Participant> everyone = new ArrayList<>(message.to());
            everyone.add(message.from());
            for (Participant participant : everyone) {
                if (url != null && url.equals(MatchKeys.url(participant.profileUrl()))) {
                    return new Me(url, MatchKeys.name(participant.name()));
                }
                if (name != null && name.equals(MatchKeys.name(participant.name()))) {
                    return new Me(null, name);
                }
            }
        }
        throw new UnknownMemberException("'" + me + "' takes part in no message of the file");
    }

    private static String key(Participant participant) {
        String url = MatchKeys.url(participant.profileUrl());
        if (url != null) {
            return "url:" + url;
        }
        String name = MatchKeys.name(participant.name());
        return name == null ? null : "name:" + name;
    }

    /**
     * The conversation, the time, the sender and a digest of the content: the same in every export of the
     * message (LinkedIn writes no message id), different for two messages of a conversation.
     */
    static String occurrence(Message message) {
        String content = message.content() == null ? "" : message.content().strip();
        return String.join(
                "|",
                message.conversationId() == null ? "" : message.conversationId(),
                message.at().toString(),
                String.valueOf(key(message.from())),
                HexFormat.of().formatHex(sha256(content)).substring(0, 16));
    }

    private static String summary(Message message) {
        String text = message.content() != null && !message.content().isBlank()
                ? message.content().strip()
                : message.subject();
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.length() <= MAX_SUMMARY ? text : text.substring(0, MAX_SUMMARY - 1) + "…";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

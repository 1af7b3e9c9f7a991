package dev.rapport.contacts.imports.domain;

import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * LinkedIn's {@code messages.csv} ("Get a copy of your data" → Messages): one row per message with {@code
 * CONVERSATION ID, CONVERSATION TITLE, FROM, SENDER PROFILE URL, TO, RECIPIENT PROFILE URLS, DATE, SUBJECT,
 * CONTENT, FOLDER} and, in newer exports, {@code ATTACHMENTS}, {@code IS MESSAGE DRAFT}, {@code IS CONVERSATION
 * DRAFT}. Dates are written {@code 2024-03-05 14:22:11 UTC}; a group message names its recipients and their
 * profile URLs separated by commas; content is often multi-line (quoted); a BOM may come first.
 */
public final class LinkedInMessagesReader {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm[:ss]", Locale.ROOT);

    /** A row of the file: a message, or a rejection with its line. */
    public sealed interface MessageRow {
        long line();
    }

    /**
     * A message as LinkedIn wrote it.
     *
     * @param draft a message never sent ({@code IS MESSAGE DRAFT} = Yes)
     */
    public record Message(
            long line,
            String conversationId,
            Participant from,
            List<Participant> to,
            Instant at,
            String subject,
            String content,
            boolean draft)
            implements MessageRow {
        public Message {
            to = List.copyOf(to);
        }
    }

    /** A row that cannot be used, and why. */
    public record Rejected(long line, RowProblem problem) implements MessageRow {}

    /** Someone in a conversation: a name and, when LinkedIn wrote one, a profile URL. */
    public record Participant(String name, String profileUrl) {}

    private LinkedInMessagesReader() {}

    /**
     * Reads every row of {@code in} into {@code rows}, as a stream.
     *
     * @throws UnreadableFileException when the file has no {@code messages.csv} header
     */
    public static void read(Reader in, Consumer<MessageRow> rows) throws IOException {
        CsvTable.read(
                in,
                0,
                header -> header.contains("from") && header.contains("date") && header.contains("conversation id"),
                "no LinkedIn messages header (CONVERSATION ID, CONVERSATION TITLE, FROM, SENDER PROFILE URL, TO,"
                        + " RECIPIENT PROFILE URLS, DATE, SUBJECT, CONTENT, FOLDER)",
                LinkedInMessagesReader::row,
                (line, problem) -> new Rejected(line, problem),
                rows);
    }

    private static MessageRow row(CsvTable.Row row) {
        String from = row.get("FROM");
        String senderUrl = row.get("SENDER PROFILE URL");
        if (from == null && senderUrl == null) {
            return new Rejected(row.line(), RowProblem.of("no-sender"));
        }
        String date = row.get("DATE");
        Instant at = date == null ? null : instant(date);
        if (at == null) {
            return new Rejected(row.line(), RowProblem.of("invalid-message-date", date == null ? "" : date));
        }
        String draft = row.get("IS MESSAGE DRAFT");
        return new Message(
                row.line(),
                row.get("CONVERSATION ID"),
                new Participant(from, senderUrl),
                recipients(row.get("TO"), row.get("RECIPIENT PROFILE URLS")),
                at,
                row.get("SUBJECT"),
                row.get("CONTENT"),
                draft != null && (draft.equalsIgnoreCase("yes") || draft.equalsIgnoreCase("true")));
    }

    /** Names and URLs paired by position when there are as many of each; otherwise each on its own. */
    static List<Participant> recipients(String names, String urls) {
        List<String> nameList = split(names);
        List<String> urlList = split(urls);
        List<Participant> recipients = new ArrayList<>();
        if (nameList.size() == urlList.size()) {
            for (int i = 0; i < nameList.size(); i++) {
                recipients.add(new Participant(nameList.get(i), urlList.get(i)));
            }
        } else if (urlList.isEmpty()) {
            nameList.forEach(name -> recipients.add(new Participant(name, null)));
        } else {
            // Without a pairing the URLs are trusted: a name may itself contain a comma ("Núñez, José").
            urlList.forEach(url -> recipients.add(new Participant(null, url)));
        }
        return recipients;
    }

    private static List<String> split(String values) {
        if (values == null || values.isBlank()) {
            return List.of();
        }
        return List.of(values.split(",")).stream()
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    /** {@code 2024-03-05 14:22:11 UTC} (what LinkedIn writes) or an ISO instant; null when it is neither. */
    static Instant instant(String date) {
        String value = date.strip();
        if (value.endsWith(" UTC")) {
            value = value.substring(0, value.length() - 4).strip();
        }
        try {
            return LocalDateTime.parse(value, DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notLinkedIns) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException notIso) {
                return null;
            }
        }
    }
}

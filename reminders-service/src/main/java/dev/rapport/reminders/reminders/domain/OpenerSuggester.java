package dev.rapport.reminders.reminders.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses how to open a conversation from what is known about the contact.
 *
 * <p>The applicable openers are ranked: the member's own content when it matches one of the contact's
 * interests, a question about their recent milestone, a reference to the last conversation, a question
 * about one of their interests, the member's latest content anyway, and a plain greeting (always
 * applicable). The first staleness episode gets the best one; later episodes move down the list, so
 * the same person is not approached the same way every time.
 */
public final class OpenerSuggester {

    private OpenerSuggester() {}

    /** The opener to suggest. */
    public static Opener suggest(OpenerContext c) {
        List<Opener> ranked = new ArrayList<>();
        boolean hasContent = c.contentTitle() != null && !c.contentTitle().isBlank();
        String matched = hasContent ? firstShared(c.interests(), c.contentTopics()) : null;
        if (matched != null) {
            ranked.add(new Opener(Opener.SHARE, matched, null, c.contentTitle(), c.contentUrl()));
        }
        if (present(c.milestoneTitle()) && !"birthday".equals(c.milestoneCategory())) {
            ranked.add(new Opener(Opener.QUESTION, null, c.milestoneTitle(), null, null));
        }
        if (present(c.lastInteractionSummary())) {
            ranked.add(new Opener(Opener.SHARED_EXPERIENCE, null, shorten(c.lastInteractionSummary()), null, null));
        }
        if (!c.interests().isEmpty()) {
            ranked.add(new Opener(Opener.QUESTION, c.interests().getFirst(), null, null, null));
        }
        if (hasContent && matched == null) {
            ranked.add(new Opener(Opener.SHARE, null, null, c.contentTitle(), c.contentUrl()));
        }
        ranked.add(new Opener(Opener.GREETING, null, null, null, null));
        return ranked.get(Math.floorMod(Math.max(c.episode(), 1) - 1, ranked.size()));
    }

    /** The first of {@code interests} that one of {@code topics} names, ignoring case and accents. */
    static String firstShared(List<String> interests, List<String> topics) {
        List<String> normalizedTopics =
                topics.stream().map(OpenerSuggester::normalize).toList();
        return interests.stream()
                .filter(i -> normalizedTopics.contains(normalize(i)))
                .findFirst()
                .orElse(null);
    }

    /** Lower-case and without accents, so that "Innovación" matches "innovacion". */
    public static String normalize(String text) {
        return Normalizer.normalize(text.strip(), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    private static String shorten(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 80 ? line : line.substring(0, 79).strip() + "…";
    }
}

package dev.rapport.content.domain;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides what a feed entry means for the member's items: already known, the publication of a planned item
 * (same URL, else same title ignoring case, accents and punctuation), or a new item to add as published.
 */
public final class FeedMatcher {

    private FeedMatcher() {}

    /** A member's item as the matcher sees it. */
    public record Candidate(String itemId, String title, String url, String feedEntryKey, ItemStatus status) {}

    /** What to do with one entry. */
    public sealed interface Outcome {
        /** The entry was synced before, or its item is already published or archived. */
        record Known(String itemId) implements Outcome {}

        /** A planned item (idea, draft or scheduled) went out: mark it published. */
        record Publishes(String itemId) implements Outcome {}

        /** Nothing in the plan matches: add the entry as a published item. */
        record Adds() implements Outcome {}
    }

    public static Outcome match(FeedEntry entry, List<Candidate> items) {
        String url = normalizeUrl(entry.url());
        Optional<Candidate> same = items.stream()
                .filter(item -> entry.key().equals(item.feedEntryKey())
                        || (url != null && url.equals(normalizeUrl(item.url()))))
                .findFirst();
        if (same.isEmpty()) {
            String title = normalizeTitle(entry.title());
            same = title.isEmpty()
                    ? Optional.empty()
                    : items.stream()
                            .filter(item -> isPlanned(item.status()))
                            .filter(item -> title.equals(normalizeTitle(item.title())))
                            .findFirst();
        }
        if (same.isEmpty()) {
            return new Outcome.Adds();
        }
        Candidate item = same.get();
        return isPlanned(item.status()) ? new Outcome.Publishes(item.itemId()) : new Outcome.Known(item.itemId());
    }

    private static boolean isPlanned(ItemStatus status) {
        return status == ItemStatus.IDEA || status == ItemStatus.DRAFT || status == ItemStatus.SCHEDULED;
    }

    /** Lower case, without accents, punctuation or repeated spaces: "¡Datos, ya!" and "datos ya" are one title. */
    public static String normalizeTitle(String title) {
        if (title == null) {
            return "";
        }
        String plain = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", " ")
                .trim();
    }

    /** The URL without scheme, "www.", query-less trailing slash or fragment, so http/https variants match. */
    static String normalizeUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String u = url.trim().toLowerCase(Locale.ROOT);
        int hash = u.indexOf('#');
        if (hash >= 0) {
            u = u.substring(0, hash);
        }
        u = u.replaceFirst("^https?://", "").replaceFirst("^www\\.", "");
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }
}

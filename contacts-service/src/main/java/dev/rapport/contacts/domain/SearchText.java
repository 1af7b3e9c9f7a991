package dev.rapport.contacts.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Folds text for search: lower case, accents removed, spaces collapsed, so that {@code jose nunez}
 * finds "José Núñez" (the embedded store has no case- or accent-insensitive collation).
 */
public final class SearchText {

    private SearchText() {}

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        return decomposed
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ")
                .trim();
    }

    /** The folded text of several fields, joined by spaces. */
    public static String of(String... parts) {
        return Stream.of(parts).filter(Objects::nonNull).map(SearchText::fold).collect(Collectors.joining(" "));
    }
}

package dev.rapport.support.web;

import java.util.ArrayList;
import java.util.List;

/** How free text from a request is stored: stripped, blank as absent, lists without blanks or repeats. */
public final class InputCleaning {

    private InputCleaning() {}

    /** The value stripped, or null when it is null or blank. */
    public static String trim(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The non-blank values stripped, each once, in their order (an empty, mutable list for null). */
    public static List<String> clean(List<String> values) {
        return values == null
                ? new ArrayList<>()
                : new ArrayList<>(values.stream()
                        .filter(v -> v != null && !v.isBlank())
                        .map(String::strip)
                        .distinct()
                        .toList());
    }
}

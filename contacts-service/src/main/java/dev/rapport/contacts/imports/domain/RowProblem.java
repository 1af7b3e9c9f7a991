package dev.rapport.contacts.imports.domain;

import java.util.List;

/**
 * Why a row was rejected, or what was done about a part of it that could not be used: a stable
 * code and the values the message needs (the message itself is worded in the member's language).
 *
 * @param code what went wrong (e.g. {@code wrong-column-count}, {@code invalid-date})
 * @param args what the message names: the value, the field, the counts
 */
public record RowProblem(String code, List<String> args) {

    public RowProblem {
        args = List.copyOf(args);
    }

    public static RowProblem of(String code, String... args) {
        return new RowProblem(code, List.of(args));
    }
}

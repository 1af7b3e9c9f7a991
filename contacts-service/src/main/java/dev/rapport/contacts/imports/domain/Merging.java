package dev.rapport.contacts.imports.domain;

import dev.rapport.contacts.domain.Birthdays;
import dev.rapport.contacts.domain.ContactCard;
import dev.rapport.contacts.domain.MatchKeys;
import dev.rapport.contacts.domain.SearchText;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Merges what a file says about a person into what is already known, without ever losing what the
 * member wrote: empty fields are filled, lists gain the values they lack (compared as
 * {@link MatchKeys} compares them), notes gain text they do not contain yet; a value already set is
 * never overwritten.
 */
public final class Merging {

    private Merging() {}

    /** The merged card and the names of the fields that changed (as the contacts API names them). */
    public record Merged(ContactCard card, List<String> changedFields) {
        public boolean changed() {
            return !changedFields.isEmpty();
        }
    }

    public static Merged merge(ContactCard known, ContactCard incoming) {
        List<String> changed = new ArrayList<>();
        ContactCard merged = new ContactCard(
                fill("firstName", known.firstName(), incoming.firstName(), changed),
                fill("lastName", known.lastName(), incoming.lastName(), changed),
                union("emails", known.emails(), incoming.emails(), MatchKeys::email, changed),
                union("phones", known.phones(), incoming.phones(), MatchKeys::phone, changed),
                fill("company", known.company(), incoming.company(), changed),
                fill("title", known.title(), incoming.title(), changed),
                fill("location", known.location(), incoming.location(), changed),
                union("profileUrls", known.profileUrls(), incoming.profileUrls(), MatchKeys::url, changed),
                notes(known.notes(), incoming.notes(), changed),
                union("tags", known.tags(), incoming.tags(), tag -> tag.toLowerCase(Locale.ROOT), changed),
                birthday(known.birthday(), incoming.birthday(), changed),
                fill("connectedOn", known.connectedOn(), incoming.connectedOn(), changed));
        return new Merged(merged, List.copyOf(changed));
    }

    private static <T> T fill(String field, T known, T incoming, List<String> changed) {
        if (known == null && incoming != null) {
            changed.add(field);
            return incoming;
        }
        return known;
    }

    private static List<String> union(
            String field,
            List<String> known,
            List<String> incoming,
            Function<String, String> key,
            List<String> changed) {
        Set<String> keys = new HashSet<>();
        known.forEach(value -> keys.add(Objects.requireNonNullElse(key.apply(value), value)));
        List<String> result = new ArrayList<>(known);
        for (String value : incoming) {
            if (keys.add(Objects.requireNonNullElse(key.apply(value), value))) {
                result.add(value);
            }
        }
        if (result.size() > known.size()) {
            changed.add(field);
        }
        return result;
    }

    private static String notes(String known, String incoming, List<String> changed) {
        if (incoming == null || (known != null && SearchText.fold(known).contains(SearchText.fold(incoming)))) {
            return known;
        }
        changed.add("notes");
        return known == null ? incoming : known + "\n\n" + incoming;
    }

    /** A birthday with its year replaces the same day without one; another day never replaces a known one. */
    private static LocalDate birthday(LocalDate known, LocalDate incoming, List<String> changed) {
        if (known != null
                && incoming != null
                && known.getYear() == Birthdays.UNKNOWN_YEAR
                && incoming.getYear() != Birthdays.UNKNOWN_YEAR
                && MonthDay.from(known).equals(MonthDay.from(incoming))) {
            changed.add("birthday");
            return incoming;
        }
        return fill("birthday", known, incoming, changed);
    }
}

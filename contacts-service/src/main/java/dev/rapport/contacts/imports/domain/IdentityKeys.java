package dev.rapport.contacts.imports.domain;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** The keys that tell whether two cards can be one person: profile URLs and e-mails, by site. */
final class IdentityKeys {

    private IdentityKeys() {}

    /**
     * Both sides know profile URLs on the same site and share none there (two LinkedIn profiles), or both
     * know e-mails and share none: different people. A LinkedIn profile and a personal website are not a
     * contradiction.
     */
    static boolean differ(Set<String> known, Set<String> incoming) {
        if (known.isEmpty() || incoming.isEmpty() || !Collections.disjoint(known, incoming)) {
            return false;
        }
        Set<String> knownSites = new HashSet<>();
        known.forEach(key -> knownSites.add(site(key)));
        return incoming.stream().map(IdentityKeys::site).anyMatch(knownSites::contains);
    }

    /** The site of a URL key ({@code linkedin.com} of {@code linkedin.com/in/ana}); an e-mail is its own site. */
    static String site(String key) {
        if (key.contains("@")) {
            return "@";
        }
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(0, slash);
    }

    static Set<String> keys(List<String> values, Function<String, String> key) {
        Set<String> keys = new LinkedHashSet<>();
        for (String value : values) {
            String k = key.apply(value);
            if (k != null) {
                keys.add(k);
            }
        }
        return keys;
    }
}

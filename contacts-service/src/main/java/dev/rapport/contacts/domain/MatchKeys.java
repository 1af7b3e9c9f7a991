package dev.rapport.contacts.domain;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The keys by which two records are recognised as the same person, in the order they are trusted:
 * a profile URL, an e-mail, then the name together with the company. Each is normalized so that the
 * spellings different tools write of the same value agree.
 */
public final class MatchKeys {

    private static final Pattern SCHEME = Pattern.compile("^[a-z][a-z0-9+.-]*://");
    private static final Pattern LINKEDIN_HOST = Pattern.compile("^([a-z]{2,3}\\.)?linkedin\\.com/");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** Legal forms that one source writes and another leaves out ("Mercado Libre, S.R.L."). */
    private static final Set<String> LEGAL_FORMS = Set.of(
            "sa",
            "srl",
            "sl",
            "sas",
            "sac",
            "ltda",
            "ltd",
            "llc",
            "inc",
            "corp",
            "corporation",
            "co",
            "gmbh",
            "ag",
            "bv",
            "nv",
            "plc",
            "spa",
            "sarl",
            "se",
            "limited",
            "company",
            "de",
            "cv");

    private MatchKeys() {}

    /** {@code linkedin.com/in/ana} for {@code https://www.linkedin.com/in/ana/?trk=x}; null when blank. */
    public static String url(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String key = url.strip().toLowerCase(Locale.ROOT);
        key = SCHEME.matcher(key).replaceFirst("");
        int cut = indexOfAny(key, '?', '#');
        if (cut >= 0) {
            key = key.substring(0, cut);
        }
        if (key.startsWith("www.")) {
            key = key.substring(4);
        }
        // Country subdomains (es.linkedin.com) are the same profile.
        key = LINKEDIN_HOST.matcher(key).replaceFirst("linkedin.com/");
        try {
            key = URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            // Keep it as written: a stray % is part of what the source wrote.
        }
        while (key.endsWith("/")) {
            key = key.substring(0, key.length() - 1);
        }
        return key.isEmpty() ? null : key;
    }

    /** An e-mail address compared without case; null when blank. */
    public static String email(String email) {
        return email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code jose nunez|mercado libre} for José Núñez at "Mercado Libre, S.R.L.": case, accents,
     * punctuation and legal forms ignored. Null unless there is a name and a company: a name alone
     * is too weak to merge two people.
     */
    public static String nameAndCompany(String firstName, String lastName, String company) {
        String name = words(SearchText.of(firstName, lastName));
        // Dots go first so that S.R.L. and SRL are one word.
        String organization = String.join(
                " ",
                List.of(words(SearchText.fold(company).replace(".", "")).split(" ")).stream()
                        .filter(word -> !word.isEmpty() && !LEGAL_FORMS.contains(word))
                        .toList());
        return name.isEmpty() || organization.isEmpty() ? null : name + "|" + organization;
    }

    /**
     * {@code jose nunez} for "José Núñez" or "JOSÉ  NÚÑEZ": a person's full name without case, accents or
     * punctuation, for sources that know nobody by anything else (a name alone never merges two contacts);
     * null when there is no name.
     */
    public static String name(String fullName) {
        String name = words(SearchText.fold(fullName));
        return name.isEmpty() ? null : name;
    }

    /** The stored keys of a contact, prefixed by kind ({@code url:…}, {@code email:…}), for lookups by the directory. */
    public static List<String> of(List<String> emails, List<String> profileUrls) {
        Set<String> keys = new LinkedHashSet<>();
        profileUrls.stream().map(MatchKeys::url).filter(k -> k != null).forEach(k -> keys.add("url:" + k));
        emails.stream().map(MatchKeys::email).filter(k -> k != null).forEach(k -> keys.add("email:" + k));
        return new ArrayList<>(keys);
    }

    /** A phone number compared by its digits (and a leading +). */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9+]", "");
        return digits.isEmpty() ? null : digits;
    }

    private static String words(String folded) {
        return NOT_WORD.matcher(folded).replaceAll(" ").strip();
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}

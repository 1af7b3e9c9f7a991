package dev.rapport.contacts.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the contacts a piece of content (or a goal) speaks to: those whose interests or tags match
 * its topics once both are normalized ({@code #DataStrategy}, {@code data-strategy} and
 * {@code Data Strategy} are the same topic), best first.
 *
 * <p>Ranking: contacts not shared with recently first; then more matched topics; then the closer
 * tier (inner before acquaintance); then by name, so that the order is stable.
 */
public final class InterestMatching {

    private InterestMatching() {}

    /** A contact that could be suggested; {@code lastSharedAt} is when something was last shared with them (or null). */
    public record Candidate(
            String contactId,
            String displayName,
            Tier tier,
            List<String> interests,
            List<String> tags,
            Instant lastSharedAt) {}

    /** A suggested contact and the topics (as the content names them) that matched. */
    public record Match(String contactId, String displayName, List<String> matchedTopics, boolean sharedRecently) {}

    /** A topic, interest or tag folded for comparison: lower case, no accents, no leading '#', separators as spaces. */
    public static String normalize(String topic) {
        if (topic == null) {
            return "";
        }
        // Split camel case first ("DataStrategy" is "data strategy") while the case is still there.
        String spaced = topic.strip().replaceFirst("^#+", "").replaceAll("([a-z])([A-Z])", "$1 $2");
        return SearchText.fold(spaced.replaceAll("[-_/.]+", " "));
    }

    /** The normalized keys of some topics (what {@link #sharesTopic} compares with). */
    public static Set<String> keysOf(List<String> topics) {
        Set<String> keys = new HashSet<>();
        for (String topic : topics == null ? List.<String>of() : topics) {
            String key = normalize(topic);
            if (!key.isEmpty()) {
                keys.add(key);
            }
        }
        return keys;
    }

    /**
     * Whether one of a contact's interests or tags is one of the topic {@code keys}: the cheap test that lets a
     * caller keep only the candidates {@link #rank} could match while streaming a network.
     */
    public static boolean sharesTopic(List<String> interests, List<String> tags, Set<String> keys) {
        for (List<String> own :
                List.of(interests == null ? List.<String>of() : interests, tags == null ? List.<String>of() : tags)) {
            for (String value : own) {
                if (keys.contains(normalize(value))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The best {@code limit} contacts for some topics; contacts that match nothing are left out. */
    public static List<Match> rank(
            List<String> topics, List<Candidate> candidates, Instant now, Duration recentShare, int limit) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String topic : topics) {
            String key = normalize(topic);
            if (!key.isEmpty()) {
                wanted.putIfAbsent(key, topic.strip());
            }
        }
        record Scored(Candidate candidate, List<String> matched, boolean sharedRecently) {}
        List<Scored> scored = new ArrayList<>();
        for (Candidate candidate : candidates) {
            List<String> own = new ArrayList<>(candidate.interests());
            own.addAll(candidate.tags());
            List<String> matched = wanted.entrySet().stream()
                    .filter(topic -> own.stream().anyMatch(o -> normalize(o).equals(topic.getKey())))
                    .map(Map.Entry::getValue)
                    .toList();
            if (!matched.isEmpty()) {
                boolean recent = candidate.lastSharedAt() != null
                        && candidate.lastSharedAt().isAfter(now.minus(recentShare));
                scored.add(new Scored(candidate, matched, recent));
            }
        }
        return scored.stream()
                .sorted(Comparator.comparing(Scored::sharedRecently)
                        .thenComparing(s -> -s.matched().size())
                        .thenComparing(s -> s.candidate().tier().ordinal())
                        .thenComparing(s -> SearchText.fold(s.candidate().displayName())))
                .limit(limit)
                .map(s -> new Match(
                        s.candidate().contactId(), s.candidate().displayName(), s.matched(), s.sharedRecently()))
                .toList();
    }
}

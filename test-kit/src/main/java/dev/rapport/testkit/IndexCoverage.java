package dev.rapport.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks the queries {@link QueryRecorder} saw against the indexes a service declares, by MongoDB's prefix rule:
 * a query is served when an index starts with some of its equality fields (in any order) and, if the query
 * sorts, goes on with its sort fields in order (all in the index's directions or all reversed), so that neither
 * a collection scan nor an in-memory sort is needed; a query with neither equality nor sort needs an index that
 * starts with one of its range fields. Equality or {@code $in} on {@code _id} is always served. The query's other
 * fields filter the documents the index found: declare longer indexes where that residue is large.
 */
public final class IndexCoverage {

    /** A declared index: its collection, name and keys in order ({@code -} for descending). */
    public record Index(String collection, String name, List<String> keys) {}

    private final List<Index> indexes;
    private final Map<String, String> excludedCollections = new LinkedHashMap<>();
    private final Map<String, String> excludedCallers = new LinkedHashMap<>();

    private IndexCoverage(List<Index> indexes) {
        this.indexes = List.copyOf(indexes);
    }

    /** A check against these indexes. */
    public static IndexCoverage of(List<Index> indexes) {
        return new IndexCoverage(indexes);
    }

    /** Leaves a collection out, with the reason (e.g. a collection only tests use). */
    public IndexCoverage excludingCollection(String collection, String reason) {
        excludedCollections.put(collection, reason);
        return this;
    }

    /** Leaves out what a class or method (a prefix of {@code class.method}) sends, with the reason. */
    public IndexCoverage excludingCaller(String callerPrefix, String reason) {
        excludedCallers.put(callerPrefix, reason);
        return this;
    }

    /** One line per recorded query shape that no declared index serves. */
    public List<String> violations() {
        List<String> violations = new ArrayList<>();
        QueryRecorder.recorded().forEach((shape, origin) -> {
            if (excludedCollections.containsKey(shape.collection())
                    || excludedCallers.keySet().stream().anyMatch(origin.caller()::startsWith)) {
                return;
            }
            if (!served(shape, indexes)) {
                violations.add(shape + " from " + origin.caller() + " (" + origin.count() + "×, e.g. "
                        + origin.example() + ")");
            }
        });
        violations.sort(String::compareTo);
        return violations;
    }

    /**
     * Fails listing every query no declared index serves; skipped when nothing was recorded (the class ran alone,
     * without the integration tests that fill the registry).
     */
    public void assertEveryQueryServed() {
        Assumptions.assumeFalse(
                QueryRecorder.recorded().isEmpty(),
                "no query recorded: run this test after the service's other integration tests");
        List<String> violations = violations();
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " queries are not served by a declared index:\n  "
                    + String.join("\n  ", violations));
        }
    }

    /** Whether one of {@code indexes} serves {@code shape} (see the class comment). */
    public static boolean served(QueryShape shape, List<Index> indexes) {
        if (shape.unindexable()) {
            return false;
        }
        if (shape.equality().contains("_id")) {
            return true;
        }
        List<String> sort = shape.sort().stream()
                .filter(key -> !shape.equality().contains(field(key)))
                .toList();
        if (shape.equality().isEmpty() && sort.isEmpty() && shape.range().isEmpty()) {
            return false;
        }
        for (Index index : indexes) {
            if (index.collection().equals(shape.collection()) && serves(index.keys(), shape, sort)) {
                return true;
            }
        }
        return false;
    }

    private static boolean serves(List<String> keys, QueryShape shape, List<String> sort) {
        int prefix = 0;
        while (prefix < keys.size() && shape.equality().contains(field(keys.get(prefix)))) {
            prefix++;
        }
        if (!sort.isEmpty()) {
            if (keys.size() < prefix + sort.size()) {
                return false;
            }
            Boolean reversed = null;
            for (int i = 0; i < sort.size(); i++) {
                String key = keys.get(prefix + i);
                if (!field(key).equals(field(sort.get(i)))) {
                    return false;
                }
                boolean same = descending(key) == descending(sort.get(i));
                if (reversed == null) {
                    reversed = !same;
                } else if (reversed == same) {
                    return false;
                }
            }
            return true;
        }
        return prefix > 0 || shape.range().contains(field(keys.get(0)));
    }

    private static String field(String key) {
        return key.startsWith("-") ? key.substring(1) : key;
    }

    private static boolean descending(String key) {
        return key.startsWith("-");
    }

    /** The exclusions, for a report. */
    public String exclusions() {
        return "collections " + excludedCollections + ", callers "
                + excludedCallers.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining("; "));
    }
}

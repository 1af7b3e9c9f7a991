package dev.rapport.testkit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * What an index must serve of one query: its equality fields ({@code field: value}, {@code $eq}, {@code $in}),
 * its sort fields in order (a leading {@code -} for descending) and its other (range) fields. A {@code $or}
 * gives one shape per branch, each with the fields around it; {@code $expr} and {@code $where} make a shape no
 * index serves.
 */
public record QueryShape(
        String collection,
        String command,
        Set<String> equality,
        List<String> sort,
        Set<String> range,
        boolean unindexable) {

    static List<QueryShape> of(String collection, String command, BsonDocument filter, BsonDocument sort) {
        List<String> sortKeys = new ArrayList<>();
        for (Map.Entry<String, BsonValue> key : sort.entrySet()) {
            boolean descending =
                    key.getValue().isNumber() && key.getValue().asNumber().intValue() < 0;
            sortKeys.add(descending ? "-" + key.getKey() : key.getKey());
        }
        List<Fields> branches = new ArrayList<>();
        branches.add(new Fields());
        collect(filter, branches);
        return branches.stream()
                .map(fields -> new QueryShape(
                        collection,
                        command,
                        new TreeSet<>(fields.equality),
                        List.copyOf(sortKeys),
                        new TreeSet<>(fields.range),
                        fields.unindexable))
                .distinct()
                .toList();
    }

    private static final class Fields {
        final Set<String> equality = new LinkedHashSet<>();
        final Set<String> range = new LinkedHashSet<>();
        boolean unindexable;

        Fields copy() {
            Fields copy = new Fields();
            copy.equality.addAll(equality);
            copy.range.addAll(range);
            copy.unindexable = unindexable;
            return copy;
        }
    }

    private static void collect(BsonDocument filter, List<Fields> branches) {
        for (Map.Entry<String, BsonValue> entry : filter.entrySet()) {
            String key = entry.getKey();
            BsonValue value = entry.getValue();
            switch (key) {
                case "$and" -> value.asArray().forEach(part -> collect(part.asDocument(), branches));
                case "$or" -> {
                    List<Fields> expanded = new ArrayList<>();
                    for (BsonValue branch : value.asArray()) {
                        List<Fields> copies = new ArrayList<>(
                                branches.stream().map(Fields::copy).toList());
                        collect(branch.asDocument(), copies);
                        expanded.addAll(copies);
                    }
                    branches.clear();
                    branches.addAll(expanded);
                }
                case "$expr", "$where", "$nor", "$text" -> branches.forEach(fields -> fields.unindexable = true);
                default -> {
                    boolean equality = isEquality(value);
                    branches.forEach(fields -> (equality ? fields.equality : fields.range).add(key));
                }
            }
        }
    }

    private static boolean isEquality(BsonValue value) {
        if (!value.isDocument()) {
            return !value.isRegularExpression();
        }
        BsonDocument operators = value.asDocument();
        if (operators.isEmpty() || !operators.getFirstKey().startsWith("$")) {
            return true; // an embedded document compared whole
        }
        return operators.keySet().stream().allMatch(op -> op.equals("$eq") || op.equals("$in"));
    }

    /** All the fields the query names. */
    Set<String> fields() {
        Set<String> all = new LinkedHashSet<>(equality);
        sort.forEach(key -> all.add(key.startsWith("-") ? key.substring(1) : key));
        all.addAll(range);
        return all;
    }

    @Override
    public String toString() {
        return command + " " + collection + " eq" + equality + (sort.isEmpty() ? "" : " sort" + sort)
                + (range.isEmpty() ? "" : " range" + range) + (unindexable ? " ($expr/$where/$nor)" : "");
    }
}

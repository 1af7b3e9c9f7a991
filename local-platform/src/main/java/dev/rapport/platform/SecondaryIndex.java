package dev.rapport.platform;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * A non-unique index of the embedded store, which mongo-java-server 1.47 accepts and ignores (every query that is
 * not an equality on exactly the keys of a unique index scans the whole collection). The services declare their
 * MongoDB indexes once ({@code IndexDeclaration}) and create them at start-up on whichever store they use; here each
 * becomes a sorted map from the document's key values, with its {@code _id} appended (so that every entry is unique
 * and the store's own unique-index bookkeeping maintains it on every insert, update and delete) to the document's
 * position. {@link IndexedH2Collection} reads it for a query that fixes one or more of its leading fields to a plain
 * value, then matches every candidate against the whole query: an index can only narrow what is scanned, never
 * decide what matches.
 *
 * <p>A document gets an entry for each element of an indexed array (MongoDB's multikey indexes) and one with a null
 * value for a missing field or an empty array, so every document has at least one entry and a query on a prefix
 * finds all the documents whose fields hold the queried values. The entries live in memory and are built from the
 * documents each time the store opens the collection (mongo-java-server fills an empty index from the data): they
 * can never be stale, for the price of a few seconds at start-up for a store of hundreds of thousands of documents.
 */
final class SecondaryIndex extends EmbeddedMongo.OrderedUniqueIndex {

    private static final IndexKeyOrder ORDER = new IndexKeyOrder();
    private static final String ID = "_id";

    private final List<String> fields;
    private final ConcurrentSkipListMap<KeyValue, Object> entries;
    /** How many entries hold each value of the leading field: a range's size, known before reading it. */
    private final Map<Object, LongAdder> leading = new ConcurrentHashMap<>();
    /** Which indexed fields ever held an array (multikey): a range on one is read from its lower bound on only. */
    private final Set<Integer> multikey = ConcurrentHashMap.newKeySet();
    /** The classes of the values each indexed field ever held (null aside): a sort is served in index order by one. */
    private final Map<Integer, Set<Class<?>>> classes = new ConcurrentHashMap<>();

    SecondaryIndex(String name, List<IndexKey> keys, boolean sparse) {
        this(new ConcurrentSkipListMap<>(ORDER::compare), name, keys, sparse);
    }

    private SecondaryIndex(
            ConcurrentSkipListMap<KeyValue, Object> entries, String name, List<IndexKey> keys, boolean sparse) {
        super(entries, name, withId(keys), sparse);
        this.entries = entries;
        this.fields = keys.stream().map(IndexKey::getKey).toList();
    }

    private static List<IndexKey> withId(List<IndexKey> keys) {
        List<IndexKey> all = new ArrayList<>(keys);
        all.add(new IndexKey(ID, true));
        return List.copyOf(all);
    }

    /**
     * The fields {@code query} fixes to one plain value each (a string, number, boolean, object id, instant or UUID,
     * compared the way MongoDB compares them for equality): {@code field: value} or {@code field: {$eq: value}}, at
     * the top level or inside a top-level {@code $and} (Spring Data writes {@code new Criteria().andOperator(...)} as
     * one), however deep.
     */
    static Map<String, Object> equalities(Document query) {
        Map<String, Object> fixed = new HashMap<>();
        conditions(query, (field, value) -> {
            if (value instanceof Document operators && operators.size() == 1 && operators.containsKey("$eq")) {
                if (isPlain(operators.get("$eq"))) {
                    fixed.put(field, operators.get("$eq"));
                }
            } else if (isPlain(value)) {
                fixed.put(field, value);
            }
        });
        return fixed;
    }

    /**
     * Whether every condition of {@code query} is one of {@code fixed}, its {@link #equalities}, each field fixed once: no
     * other operator, no second condition on a field (the documents in the index range of those fields are then exactly
     * the query's matches).
     */
    static boolean onlyEqualities(Document query, Map<String, Object> fixed) {
        int[] conditions = {0};
        boolean[] otherOperator = {false};
        conditions(query, (field, value) -> conditions[0]++, () -> otherOperator[0] = true);
        return !otherOperator[0] && conditions[0] == fixed.size();
    }

    /** Each condition on a field, at the top level of {@code query} or inside a top-level {@code $and}, however deep. */
    private static void conditions(Document query, BiConsumer<String, Object> condition) {
        conditions(query, condition, () -> {});
    }

    /** {@link #conditions(Document, BiConsumer)}, telling {@code otherOperator} of any operator but {@code $and}. */
    private static void conditions(Document query, BiConsumer<String, Object> condition, Runnable otherOperator) {
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            if (entry.getKey().equals("$and") && entry.getValue() instanceof Collection<?> parts) {
                for (Object part : parts) {
                    if (part instanceof Document document) {
                        conditions(document, condition, otherOperator);
                    } else {
                        otherOperator.run();
                    }
                }
            } else if (entry.getKey().startsWith("$")) {
                otherOperator.run();
            } else {
                condition.accept(entry.getKey(), entry.getValue());
            }
        }
    }

    /**
     * Bounds a query puts on a field ({@code $gt}/{@code $gte} as {@code lower}, {@code $lt}/{@code $lte} as {@code
     * upper}; either may be null), both of one class, a string or an instant: MongoDB's range operators match values of
     * their bound's type only, and the index orders the values of one class as MongoDB does. Read as inclusive: every
     * candidate is matched against the whole query afterwards.
     */
    record Range(Object lower, Object upper) {

        Class<?> type() {
            return lower != null ? lower.getClass() : upper.getClass();
        }

        /** Where a range with no lower bound starts: the smallest value of its class. */
        Object start() {
            return lower != null ? lower : type() == String.class ? "" : Instant.MIN;
        }
    }

    private static final Set<String> RANGE_OPERATORS = Set.of("$gt", "$gte", "$lt", "$lte");

    /**
     * The {@link Range} of each field {@code query} bounds with range operators only ({@code field: {$gte: a, $lt:
     * b}}), at the top level or inside a top-level {@code $and}, however deep; bounds of one field met in several places
     * all hold, and the first of each side is kept.
     */
    static Map<String, Range> ranges(Document query) {
        Map<String, Range> ranges = new HashMap<>();
        conditions(query, (field, value) -> {
            if (!(value instanceof Document operators)
                    || operators.isEmpty()
                    || !RANGE_OPERATORS.containsAll(operators.keySet())) {
                return;
            }
            Object lower = bound(operators, "$gt", "$gte");
            Object upper = bound(operators, "$lt", "$lte");
            Range known = ranges.get(field);
            if (known != null) {
                lower = known.lower() != null ? known.lower() : lower;
                upper = known.upper() != null ? known.upper() : upper;
            }
            if ((lower != null || upper != null)
                    && (lower == null || upper == null || lower.getClass() == upper.getClass())) {
                ranges.put(field, new Range(lower, upper));
            }
        });
        return ranges;
    }

    /** The operand of {@code one} or {@code other} when it is a string or an instant (null otherwise or when both). */
    private static Object bound(Document operators, String one, String other) {
        if (operators.containsKey(one) && operators.containsKey(other)) {
            return null;
        }
        Object value = operators.containsKey(one) ? operators.get(one) : operators.get(other);
        return value instanceof String || value instanceof Instant ? value : null;
    }

    /** Whether {@code ranges} bounds the field that follows the first {@code prefix} indexed fields. */
    boolean rangeAfter(int prefix, Map<String, Range> ranges) {
        return prefix < fields.size() && ranges.containsKey(fields.get(prefix));
    }

    /** How many of the index's leading fields {@code fixed} (a query's {@link #equalities}) holds. */
    int fixedPrefix(Map<String, Object> fixed) {
        int prefix = 0;
        for (String field : fields) {
            if (!fixed.containsKey(field)) {
                break;
            }
            prefix++;
        }
        return prefix;
    }

    /**
     * The positions of every document whose first {@code prefix} indexed fields hold the values {@code fixed} gives
     * them and, when {@code ranges} bounds the next indexed field, whose value there is within those bounds (with no
     * fixed field, a range on the leading one: the network-wide sweeps' "due before now"; each at
     * most once, in no order: the caller reads them in the store's); null as soon as there are more than {@code max}
     * (reading that many documents one by one costs more than scanning them all in the store's order).
     */
    List<Object> positions(Map<String, Object> fixed, int prefix, Map<String, Range> ranges, long max) {
        if (prefix > 0) {
            LongAdder first =
                    leading.get(leadingValue(normalizedPrefix(fixed, prefix).get(0)));
            if (first == null) {
                return List.of();
            }
            if (prefix == 1 && !rangeAfter(prefix, ranges) && first.sum() > max) {
                return null;
            }
        }
        // The walk gives each document once already.
        List<Object> positions = new ArrayList<>();
        Iterator<Object> walk = walk(fixed, prefix, ranges);
        while (walk.hasNext()) {
            positions.add(walk.next());
            if (positions.size() > max) {
                return null;
            }
        }
        return positions;
    }

    /**
     * The same documents as {@link #positions} (with no limit), lazily and in the index's order: by the indexed fields,
     * then by {@code _id}, each document once. Read only as far as the caller goes.
     */
    Iterator<Object> walk(Map<String, Object> fixed, int prefix, Map<String, Range> ranges) {
        List<Object> normalized = normalizedPrefix(fixed, prefix);
        Range range = rangeAfter(prefix, ranges) ? ranges.get(fields.get(prefix)) : null;
        // The smallest key with that prefix (null sorts before every value, IndexKeyOrder), or with the range's start.
        List<Object> start = new ArrayList<>(Collections.nCopies(fields.size() + 1, null));
        for (int i = 0; i < prefix; i++) {
            start.set(i, normalized.get(i));
        }
        if (range != null) {
            start.set(prefix, range.start());
        }
        // An array's elements each have an entry, and each bound may be met by a different element: an upper bound
        // can only end the range on a field that never held an array.
        Object upper = range == null || multikey.contains(prefix) ? null : range.upper();
        Iterator<Map.Entry<KeyValue, Object>> entries =
                this.entries.tailMap(new KeyValue(start), true).entrySet().iterator();
        Set<Object> seen = new HashSet<>();
        return new Iterator<>() {
            private Object next;
            private boolean done;

            @Override
            public boolean hasNext() {
                while (next == null && !done) {
                    if (!entries.hasNext()) {
                        done = true;
                        break;
                    }
                    Map.Entry<KeyValue, Object> entry = entries.next();
                    if (!inRange(entry.getKey())) {
                        done = true;
                    } else if (seen.add(entry.getValue())) {
                        next = entry.getValue();
                    }
                }
                return next != null;
            }

            private boolean inRange(KeyValue key) {
                for (int i = 0; i < prefix; i++) {
                    if (IndexKeyOrder.compareValues(key.get(i), normalized.get(i)) != 0) {
                        return false;
                    }
                }
                if (range != null) {
                    Object value = key.get(prefix);
                    // Values of another class sort apart (IndexKeyOrder) and never match a bound of this one.
                    return value != null
                            && value.getClass() == range.type()
                            && (upper == null || IndexKeyOrder.compareValues(value, upper) <= 0);
                }
                return true;
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object position = next;
                next = null;
                return position;
            }
        };
    }

    private List<Object> normalizedPrefix(Map<String, Object> fixed, int prefix) {
        List<Object> values = new ArrayList<>(prefix);
        for (int i = 0; i < prefix; i++) {
            values.add(fixed.get(fields.get(i)));
        }
        List<Object> normalized = new ArrayList<>(prefix);
        if (prefix > 0) {
            new KeyValue(values).normalized().forEach(normalized::add);
        }
        return normalized;
    }

    /** The classes whose values, all of one class, the index orders exactly as MongoDB's sort does. */
    private static final Set<Class<?>> SORTED_ALIKE =
            Set.of(String.class, ObjectId.class, Instant.class, Long.class, Double.class, Integer.class, Boolean.class);

    /**
     * Whether walking this index ({@link #walk}) after a prefix of {@code prefix} fixed fields gives documents in the
     * order {@code orderBy} asks for, ties in {@code _id} order as a sort of the scan's order would leave them: the sort
     * names exactly the indexed fields after the prefix, each ascending, none of them ever held an array, and each
     * holds values of one class at most (besides null, which both orders put first) that compare alike in the index and
     * in MongoDB's sort.
     */
    boolean ordersBy(int prefix, Document orderBy) {
        if (orderBy == null
                || orderBy.isEmpty()
                || !List.copyOf(orderBy.keySet()).equals(fields.subList(prefix, fields.size()))) {
            return false;
        }
        for (int i = prefix; i < fields.size(); i++) {
            Set<Class<?>> held = classes.getOrDefault(i, Set.of());
            if (!(orderBy.get(fields.get(i)) instanceof Number direction)
                    || direction.doubleValue() != 1
                    || multikey.contains(i)
                    || held.size() > 1
                    || !SORTED_ALIKE.containsAll(held)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlain(Object value) {
        return value instanceof String
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof ObjectId
                || value instanceof Instant
                || value instanceof UUID;
    }

    /**
     * Every key of a document: one per element of an indexed array (MongoDB's multikey entries), null for a missing
     * field or an empty array, so that no document is left out of a prefix's range.
     */
    @Override
    public Set<KeyValue> getKeyValues(Document document) {
        List<List<Object>> choices = new ArrayList<>();
        List<String> indexed = keys();
        for (int i = 0; i < indexed.size(); i++) {
            String key = indexed.get(i);
            // A top-level field is the document's own value: mongo-java-server's path lookup splits every key with a
            // regular expression first (a tenth of the store's CPU in a profile of a 30,000-row import).
            Object value = key.indexOf('.') < 0
                    ? document.getOrMissing(key)
                    : Utils.getSubdocumentValueCollectionAware(document, key);
            if (value instanceof Collection<?>) {
                multikey.add(i);
            }
            if (value instanceof Collection<?> many && !many.isEmpty()) {
                choices.add(new ArrayList<>(many));
            } else if (value instanceof Collection<?> || value instanceof Missing) {
                choices.add(Collections.singletonList(null));
            } else {
                choices.add(Collections.singletonList(value));
            }
        }
        Set<KeyValue> keys = new LinkedHashSet<>();
        combine(choices, 0, new ArrayList<>(choices.size()), keys);
        return keys;
    }

    private static void combine(List<List<Object>> choices, int at, List<Object> chosen, Set<KeyValue> keys) {
        if (at == choices.size()) {
            keys.add(new KeyValue(chosen).normalized());
            return;
        }
        for (Object value : choices.get(at)) {
            chosen.add(value);
            combine(choices, at + 1, chosen, keys);
            chosen.removeLast();
        }
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        boolean added = super.putKeyPosition(key, position);
        if (added) {
            leading.computeIfAbsent(leadingValue(key.get(0)), v -> new LongAdder())
                    .increment();
            for (int i = 0; i < fields.size(); i++) {
                Object value = key.get(i);
                if (value != null) {
                    classes.computeIfAbsent(i, field -> ConcurrentHashMap.newKeySet())
                            .add(value.getClass());
                }
            }
        }
        return added;
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        Object removed = super.removeDocument(key);
        if (removed != null) {
            leading.computeIfPresent(leadingValue(key.get(0)), (v, count) -> {
                count.decrement();
                return count.sum() == 0 ? null : count;
            });
        }
        return removed;
    }

    /** A leading value as a map key (null is not one). */
    private static Object leadingValue(Object value) {
        return value == null ? Missing.getInstance() : value;
    }

    /** Never a duplicate: every key ends with the document's own {@code _id}. */
    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {}

    /** Never a duplicate: every key ends with the document's own {@code _id}. */
    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {}

    @Override
    public boolean isUnique() {
        return false;
    }

    /**
     * Not asked: mongo-java-server finds the position of a document it updates by asking every index and keeping the
     * one answer, which the collection's {@code _id} index always gives. Asking a secondary index too computed all its
     * keys of the document for nothing, on every update (6 % of the store's CPU during a 30,000-row import, JFR).
     */
    @Override
    public Object getPosition(Document document) {
        return null;
    }

    /** Never chosen by mongo-java-server's own planner; {@link IndexedH2Collection} reads it by prefix instead. */
    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    @Override
    public void drop() {
        entries.clear();
        leading.clear();
        classes.clear();
    }
}

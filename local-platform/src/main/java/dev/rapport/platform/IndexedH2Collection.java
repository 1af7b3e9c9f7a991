package dev.rapport.platform;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.DocumentComparator;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.h2.mvstore.MVMap;

/**
 * mongo-java-server's H2 collection with a planner of its own for the queries its planner scans: every find, count,
 * update and delete of the store, and every aggregation that starts with a {@code $match} (the driver's {@code
 * countDocuments} among them), reads candidates from an index when it can, then matches each against the whole
 * query, sorts, skips and limits (or runs the pipeline's stages) exactly as a scan would.
 *
 * <ul>
 *   <li>An equality or {@code $in} on {@code _id} together with other conditions (a versioned save's {@code {_id,
 *       version}}, an ownership check's {@code {_id, memberId}}, a conditional update): the documents of those ids
 *       only. mongo-java-server looks {@code _id} up only when it is the query's only field.
 *   <li>Otherwise the {@link SecondaryIndex} whose leading fields the query fixes to plain values the furthest (a
 *       member's documents for a member-scoped query), or, when the query fixes none, one whose leading field it
 *       bounds (the network-wide sweeps' "due before now"): the documents in that range only, unless the range holds
 *       more than a third of the collection, which a scan reads faster.
 * </ul>
 *
 * Candidates are matched in the collection's own order (by {@code _id}), the order a scan visits them in, so that
 * a query answers the same documents in the same order with or without an index.
 */
final class IndexedH2Collection extends H2Collection {

    private static final String ID = "_id";

    /**
     * An index range holding more than this fraction (1/n) of the collection is not used: reading its documents one by
     * one, by position, costs more than a scan that reads them all in order (measured with a member who holds most of
     * a collection: a 30,000-row import, docs/embedded-store.md).
     */
    private static final long SCAN_FRACTION = 3;

    private final MVMap<Object, Document> data;

    IndexedH2Collection(
            MongoDatabase database,
            String collectionName,
            CollectionOptions options,
            MVMap<Object, Document> data,
            MVMap<String, Object> meta,
            CursorRegistry cursorRegistry) {
        super(database, collectionName, options, data, meta, cursorRegistry);
        this.data = data;
    }

    /**
     * Set while this thread runs an update: the documents it reads are copies. mongo-java-server applies an update by
     * rewriting the keys of the document it read, which is the very object the store holds; H2's background writer may
     * be writing that object at the same moment (a {@code ConcurrentModificationException} there closes the whole
     * store, seen in a bench run), or write it half rewritten. Updating a copy, which then replaces the stored object,
     * leaves what the store holds untouched.
     */
    private static final ThreadLocal<Boolean> UPDATING = ThreadLocal.withInitial(() -> false);

    @Override
    public Document updateDocuments(
            Document selector,
            Document updateQuery,
            ArrayFilters arrayFilters,
            boolean isMulti,
            boolean isUpsert,
            Oplog oplog) {
        return onCopies(() -> super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, isUpsert, oplog));
    }

    /**
     * No running total of the collection's BSON size: mongo-java-server keeps one for {@code collStats} by encoding the
     * whole document before and after every insert, update and delete (6 % of the store's CPU during a 30,000-row
     * import, JFR), and nothing of the platform reads it: {@code collStats} reports the size last recorded, not the current one.
     */
    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    public Document findAndModify(Document query) {
        return onCopies(() -> super.findAndModify(query));
    }

    private static Document onCopies(Supplier<Document> update) {
        boolean outer = !UPDATING.get();
        UPDATING.set(true);
        try {
            return update.get();
        } finally {
            if (outer) {
                UPDATING.remove();
            }
        }
    }

    @Override
    protected QueryResult queryDocuments(
            Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        QueryResult result = inIndexOrder(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        if (result == null) {
            Stream<Document> candidates = candidateDocuments(query, orderBy);
            result = candidates == null
                    ? super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector)
                    : matchDocumentsFromStream(
                            candidates, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        if (!UPDATING.get()) {
            return result;
        }
        List<Document> copies = new ArrayList<>();
        result.forEach(document -> copies.add(document.cloneDeeply()));
        return new QueryResult(copies);
    }

    /**
     * The result of an aggregation pipeline that starts with a {@code $match} (a {@code countDocuments} is one: the
     * MongoDB driver sends {@code [{$match}, {$group: {_id: 1, n: {$sum: 1}}}]}), or null when no index narrows that
     * {@code $match}: mongo-java-server runs every pipeline over all the collection's documents. The stages all run,
     * the {@code $match} too, over the candidates in the order a scan reads them, so the answer is the same.
     */
    List<Document> aggregate(List<Document> pipeline, DatabaseResolver resolver, Oplog oplog, Document command) {
        if (pipeline.isEmpty()
                || command.containsKey("let")
                || !(pipeline.getFirst().get("$match") instanceof Document match)
                || pipeline.getFirst().size() != 1) {
            return null;
        }
        List<Document> counted = countedByIndex(match, pipeline);
        if (counted != null) {
            return counted;
        }
        Stream<Document> candidates = candidateDocuments(match, null);
        if (candidates == null) {
            return null;
        }
        Aggregation aggregation = Aggregation.fromPipeline(pipeline, resolver, getDatabase(), this, oplog);
        aggregation.validate(command);
        return aggregation.runStages(candidates);
    }

    /**
     * A sorted, limited query answered by walking the chosen index in the order the sort asks for ({@link
     * SecondaryIndex#ordersBy}) and stopping at the limit, or null when that does not apply: a member's first page of
     * reminders by due date, or of contacts by id, then reads a page of documents instead of all the member's. Every
     * document read is checked to come in the sort's order, ties in the store's order (as a stable sort of a scan
     * leaves them); were one not, the query is answered the usual way, so the answer is always a scan's.
     */
    QueryResult inIndexOrder(
            Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        if (limit <= 0 || orderBy == null || orderBy.isEmpty()) {
            return null;
        }
        boolean everything = query == null || query.isEmpty();
        Plan plan;
        if (everything) {
            plan = inOrderOf(orderBy);
        } else if (ownLookup(query, orderBy) || idCandidates(query) != null) {
            return null;
        } else {
            plan = plan(query, orderBy);
        }
        if (plan == null || !plan.index().ordersBy(plan.prefix(), orderBy)) {
            return null;
        }
        Iterator<Object> walk = plan.index().walk(plan.fixed(), plan.prefix(), plan.ranges());
        InOrder check = new InOrder(new DocumentComparator(orderBy), data.getKeyType()::compare, scanFraction());
        Stream<Document> documents = StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(walk, Spliterator.ORDERED), false)
                .map(position -> {
                    Document document = data.get(position);
                    if (document != null) {
                        check.next(position, document);
                    }
                    return document;
                })
                .filter(Objects::nonNull);
        try {
            return matchDocumentsFromStream(
                    documents,
                    everything ? new Document() : query,
                    null,
                    numberToSkip,
                    limit,
                    batchSize,
                    fieldSelector);
        } catch (OutOfOrder e) {
            return null;
        }
    }

    /**
     * A count (the driver's {@code countDocuments}: {@code [{$match}, {$group: {_id: 1, n: {$sum: 1}}}]}) whose {@code
     * $match} only fixes leading fields of an index to plain values, answered from the index's entries without reading a
     * document (a member's contact list pays this count for every page: 5,000 documents read for a member with 5,000
     * contacts); null for any other pipeline. No group document when nothing matches, as MongoDB answers.
     */
    List<Document> countedByIndex(Document match, List<Document> pipeline) {
        if (pipeline.size() != 2
                || pipeline.get(1).size() != 1
                || !(pipeline.get(1).get("$group") instanceof Document group)
                || group.size() != 2
                || !(group.get(ID) instanceof Number)
                || ownLookup(match, null)
                || idCandidates(match) != null) {
            return null;
        }
        Map<String, Object> fixed = SecondaryIndex.equalities(match);
        if (!SecondaryIndex.onlyEqualities(match, fixed)) {
            return null;
        }
        String field = group.keySet().stream()
                .filter(key -> !key.equals(ID))
                .findFirst()
                .orElseThrow();
        if (!(group.get(field) instanceof Document sum)
                || sum.size() != 1
                || !(sum.get("$sum") instanceof Integer one)
                || one != 1) {
            return null;
        }
        Plan plan = plan(match, null);
        if (plan == null || plan.prefix() != fixed.size()) {
            return null;
        }
        long count = 0;
        for (Iterator<Object> walk = plan.index().walk(fixed, plan.prefix(), Map.of()); walk.hasNext(); walk.next()) {
            count++;
        }
        Object n = count <= Integer.MAX_VALUE ? (Object) (int) count : (Object) count;
        return count == 0 ? List.of() : List.of(new Document(ID, group.get(ID)).append(field, n));
    }

    /**
     * Checks that documents come in a sort's order, ties in the store's order of their positions, and that no more than
     * {@code max} are read (a page of rare matches in a large range: a scan reads them faster).
     */
    private static final class InOrder {
        private final Comparator<Document> sort;
        private final Comparator<Object> positions;
        private final long max;
        private long read;
        private Object lastPosition;
        private Document last;

        InOrder(Comparator<Document> sort, Comparator<Object> positions, long max) {
            this.sort = sort;
            this.positions = positions;
            this.max = max;
        }

        void next(Object position, Document document) {
            if (++read > max) {
                throw new OutOfOrder();
            }
            if (last != null) {
                int order = sort.compare(last, document);
                if (order > 0 || (order == 0 && positions.compare(lastPosition, position) > 0)) {
                    throw new OutOfOrder();
                }
            }
            last = document;
            lastPosition = position;
        }
    }

    /** A walk of an index that met a document out of the sort's order, or read too many: answered the usual way. */
    private static final class OutOfOrder extends RuntimeException {
        OutOfOrder() {
            super(null, null, false, false);
        }
    }

    /** The documents {@link #candidates} names, in the store's order (a scan's), or null. */
    private Stream<Document> candidateDocuments(Document query, Document orderBy) {
        Collection<Object> candidates = candidates(query, orderBy);
        if (candidates == null) {
            return null;
        }
        List<Object> positions = new ArrayList<>(candidates);
        positions.sort(data.getKeyType()::compare);
        return positions.stream().map(data::get).filter(Objects::nonNull);
    }

    /** The positions of the only documents that can match, or null when no index narrows the query. */
    Collection<Object> candidates(Document query, Document orderBy) {
        if (ownLookup(query, orderBy)) {
            return null;
        }
        Collection<Object> ids = idCandidates(query);
        if (ids != null) {
            return ids;
        }
        Plan plan = plan(query, orderBy);
        return plan == null ? null : plan.index().positions(plan.fixed(), plan.prefix(), plan.ranges(), scanFraction());
    }

    /** No query, a {@code $natural} order, or a query on exactly a unique index's keys (mongo-java-server's lookup). */
    private boolean ownLookup(Document query, Document orderBy) {
        if (query == null || query.isEmpty() || (orderBy != null && orderBy.containsKey("$natural"))) {
            return true;
        }
        for (Index<Object> index : List.copyOf(getIndexes())) {
            if (index.canHandle(query)) {
                return true;
            }
        }
        return false;
    }

    /** The ids an {@code _id} equality or {@code $in} of the query allows, or null. */
    private Collection<Object> idCandidates(Document query) {
        if (!ID.equals(getIdField())) {
            return null;
        }
        Map<String, Object> fixed = SecondaryIndex.equalities(query);
        return fixed.containsKey(ID) ? ids(fixed.get(ID)) : ids(query.get(ID));
    }

    /** A third of the collection: more documents than a scan, which reads them in order, reads faster one by one. */
    private long scanFraction() {
        return data.sizeAsLong() / SCAN_FRACTION;
    }

    /**
     * For a query with no condition (the relay's oldest pending markers, every one sorted by time): an index led by
     * the sort's fields, walked from its start.
     */
    private Plan inOrderOf(Document orderBy) {
        for (Index<Object> index : getIndexes()) {
            if (index instanceof SecondaryIndex secondary && secondary.ordersBy(0, orderBy)) {
                return new Plan(secondary, Map.of(), 0, Map.of());
            }
        }
        return null;
    }

    /** The secondary index a query reads, how many of its leading fields the query fixes, and its conditions. */
    private record Plan(
            SecondaryIndex index, Map<String, Object> fixed, int prefix, Map<String, SecondaryIndex.Range> ranges) {}

    /**
     * The index with the longest equality prefix; of those, one whose next field the query bounds (a range), then one
     * that serves {@code orderBy}. With no equality, one whose leading field the query bounds. Null when none narrows
     * the query.
     */
    private Plan plan(Document query, Document orderBy) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        Map<String, Object> fixed = SecondaryIndex.equalities(query);
        Map<String, SecondaryIndex.Range> ranges = SecondaryIndex.ranges(query);
        SecondaryIndex best = null;
        int longest = 0;
        boolean bounded = false;
        boolean ordered = false;
        for (Index<Object> index : getIndexes()) {
            if (index instanceof SecondaryIndex secondary) {
                int prefix = secondary.fixedPrefix(fixed);
                boolean range = secondary.rangeAfter(prefix, ranges);
                if (prefix == 0 && !range) {
                    continue;
                }
                boolean order = secondary.ordersBy(prefix, orderBy);
                if (best == null
                        || prefix > longest
                        || (prefix == longest && range && !bounded)
                        || (prefix == longest && range == bounded && order && !ordered)) {
                    best = secondary;
                    longest = prefix;
                    bounded = range;
                    ordered = order;
                }
            }
        }
        return best == null ? null : new Plan(best, fixed, longest, ranges);
    }

    /**
     * The ids an {@code _id} condition allows (the document's position in this store is its {@code _id}), when it is a
     * string or object id, or an {@code $in} of those; null for any other condition.
     */
    private static Collection<Object> ids(Object condition) {
        if (isId(condition)) {
            return List.of(condition);
        }
        if (condition instanceof Document operators
                && operators.size() == 1
                && operators.get("$in") instanceof Collection<?> values
                && values.stream().allMatch(IndexedH2Collection::isId)) {
            return new LinkedHashSet<>(values);
        }
        return null;
    }

    private static boolean isId(Object value) {
        return value instanceof String || value instanceof ObjectId;
    }
}

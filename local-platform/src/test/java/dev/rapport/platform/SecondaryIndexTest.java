package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's secondary indexes ({@link SecondaryIndex}, {@link IndexedH2Collection}) against the same store
 * without them: the same documents, written and changed the same way in two collections, one with the indexes the
 * services would declare and one without, must answer every query with the same documents in the same order, before
 * and after updates and deletes and after the store is closed and opened again. And the indexed one must read only
 * the documents an index allows.
 */
class SecondaryIndexTest {

    private static final String DATABASE = "rapport-test";
    private static final List<String> MEMBERS = List.of("m1", "m2", "m3", "m4", "m5");
    private static final List<String> KINDS = List.of("follow-up", "reach-out", "manual");
    private static final List<String> STATUSES = List.of("open", "snoozed", "done", "dismissed");

    private final Random random = new Random(20261201);

    @Test
    void indexedQueriesAnswerWhatAScanAnswers(@TempDir Path dir) {
        String file = dir.resolve("rapport.mv").toString();
        withStore(file, db -> {
            MongoCollection<Document> indexed = db.getCollection("indexed");
            MongoCollection<Document> plain = db.getCollection("plain");
            declareIndexes(indexed);
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 1_500; i++) {
                documents.add(randomDocument(i));
            }
            indexed.insertMany(documents.stream().map(Document::new).toList());
            plain.insertMany(documents.stream().map(Document::new).toList());
            compareQueries(indexed, plain, 400);
            for (int round = 0; round < 60; round++) {
                Bson filter = randomFilter();
                Bson change = switch (random.nextInt(4)) {
                    case 0 -> Updates.set("status", pick(STATUSES));
                    case 1 -> Updates.set("contactId", "c" + random.nextInt(20));
                    case 2 -> Updates.set("tags", randomTags());
                    default -> Updates.unset("contactId");
                };
                indexed.updateMany(filter, change);
                plain.updateMany(filter, change);
                if (round % 10 == 0) {
                    Bson gone = Filters.and(Filters.eq("memberId", pick(MEMBERS)), Filters.eq("kind", pick(KINDS)));
                    indexed.deleteMany(gone);
                    plain.deleteMany(gone);
                }
            }
            // A versioned save's shape: _id and a version, which mongo-java-server alone answers with a scan.
            Document one = indexed.find().first();
            assertThat(indexed.updateOne(
                                    Filters.and(Filters.eq("_id", one.get("_id")), Filters.eq("version", 3)),
                                    Updates.set("status", "done"))
                            .getMatchedCount())
                    .isEqualTo(one.getInteger("version") == 3 ? 1 : 0);
            plain.updateOne(
                    Filters.and(Filters.eq("_id", one.get("_id")), Filters.eq("version", 3)),
                    Updates.set("status", "done"));
            compareQueries(indexed, plain, 400);
        });
        // Opened again: the indexes are built from the stored documents.
        withStore(file, db -> compareQueries(db.getCollection("indexed"), db.getCollection("plain"), 200));
    }

    @Test
    void aMemberScopedQueryReadsOnlyThatMembersDocuments(@TempDir Path dir) {
        EmbeddedMongo.PlatformH2Backend backend =
                new EmbeddedMongo.PlatformH2Backend(dir.resolve("rapport.mv").toString());
        withStore(backend, db -> {
            MongoCollection<Document> indexed = db.getCollection("indexed");
            declareIndexes(indexed);
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                documents.add(randomDocument(i));
            }
            indexed.insertMany(documents);
            IndexedH2Collection collection =
                    (IndexedH2Collection) backend.resolveDatabase(DATABASE).resolveCollection("indexed", true);
            long m2 = documents.stream()
                    .filter(d -> d.get("memberId").equals("m2"))
                    .count();
            long m2c7 = documents.stream()
                    .filter(d -> d.get("memberId").equals("m2") && "c7".equals(d.get("contactId")))
                    .count();
            assertThat(candidates(collection, new de.bwaldvogel.mongo.bson.Document("memberId", "m2")))
                    .hasSize((int) m2);
            assertThat(candidates(
                            collection,
                            new de.bwaldvogel.mongo.bson.Document("memberId", "m2")
                                    .append("contactId", "c7")
                                    .append("status", new de.bwaldvogel.mongo.bson.Document("$in", List.of("open")))))
                    .hasSize((int) m2c7);
            assertThat(candidates(
                            collection,
                            new de.bwaldvogel.mongo.bson.Document(
                                    "$and",
                                    List.of(
                                            new de.bwaldvogel.mongo.bson.Document("memberId", "m2"),
                                            new de.bwaldvogel.mongo.bson.Document(
                                                    "contactId", new de.bwaldvogel.mongo.bson.Document("$eq", "c7"))))))
                    .as("an explicit $and, as Spring Data's andOperator writes it")
                    .hasSize((int) m2c7);
            Object someId = documents.get(17).get("_id");
            assertThat(candidates(
                            collection, new de.bwaldvogel.mongo.bson.Document("_id", someId).append("version", 1)))
                    .hasSize(1);
            // A member who holds most of the collection: reading that range by position would cost more than a scan.
            List<Document> big = new ArrayList<>();
            for (int i = 0; i < 1_200; i++) {
                big.add(new Document("_id", "big-" + i)
                        .append("memberId", "big")
                        .append("kind", "manual")
                        .append(
                                "at",
                                java.util.Date.from(java.time.Instant.parse("2026-01-01T00:00:00Z")
                                        .plusSeconds(86_400L * i))));
            }
            indexed.insertMany(big);
            assertThat(candidates(collection, new de.bwaldvogel.mongo.bson.Document("memberId", "big")))
                    .as("a range of more than a third of the collection is scanned instead")
                    .isNull();
            assertThat(candidates(collection, new de.bwaldvogel.mongo.bson.Document("memberId", "m2")))
                    .hasSize((int) m2);
            // A range on the field after the fixed ones reads only that range (its bounds inclusive: every candidate
            // is matched against the query afterwards), however much the member holds.
            assertThat(bigMemberAt(
                            collection,
                            new de.bwaldvogel.mongo.bson.Document(
                                            "$gte", java.time.Instant.parse("2026-04-11T00:00:00Z"))
                                    .append("$lt", java.time.Instant.parse("2026-04-21T00:00:00Z"))))
                    .as("ten days of the big member's, and the one on the upper bound")
                    .hasSize(11);
            assertThat(bigMemberAt(
                            collection,
                            new de.bwaldvogel.mongo.bson.Document(
                                    "$lt", java.time.Instant.parse("2026-01-05T00:00:00Z"))))
                    .as("no lower bound: from the first date on")
                    .hasSize(5);
            assertThat(bigMemberAt(collection, new de.bwaldvogel.mongo.bson.Document("$lt", "2026-01-05")))
                    .as("a string bound: the big member has no string there")
                    .isEmpty();
            // No member fixed, a range on an index's leading field (the sweeps' "due before now"): that range only.
            assertThat(candidates(
                            collection,
                            new de.bwaldvogel.mongo.bson.Document(
                                            "at",
                                            new de.bwaldvogel.mongo.bson.Document(
                                                            "$gte", java.time.Instant.parse("2029-01-01T00:00:00Z"))
                                                    .append("$lt", java.time.Instant.parse("2029-01-11T00:00:00Z")))
                                    .append("archived", new de.bwaldvogel.mongo.bson.Document("$ne", true))))
                    .as("ten days of every member's, and the one on the upper bound")
                    .hasSize(11);
            assertThat(candidates(
                            collection,
                            new de.bwaldvogel.mongo.bson.Document(
                                    "at",
                                    new de.bwaldvogel.mongo.bson.Document(
                                            "$gte", java.time.Instant.parse("2026-01-01T00:00:00Z")))))
                    .as("a range of more than a third of the collection is scanned instead")
                    .isNull();
            // An aggregation that starts with a $match (countDocuments is one) reads the same candidates.
            de.bwaldvogel.mongo.bson.Document count = new de.bwaldvogel.mongo.bson.Document(
                    "$group",
                    new de.bwaldvogel.mongo.bson.Document("_id", 1)
                            .append("n", new de.bwaldvogel.mongo.bson.Document("$sum", 1)));
            assertThat(collection.aggregate(
                            List.of(
                                    new de.bwaldvogel.mongo.bson.Document(
                                            "$match", new de.bwaldvogel.mongo.bson.Document("memberId", "m2")),
                                    count),
                            null,
                            null,
                            new de.bwaldvogel.mongo.bson.Document("cursor", new de.bwaldvogel.mongo.bson.Document())))
                    .singleElement()
                    .satisfies(result ->
                            assertThat(((Number) result.get("n")).longValue()).isEqualTo(m2));
            assertThat(collection.countedByIndex(
                            new de.bwaldvogel.mongo.bson.Document("memberId", "m2"),
                            List.of(new de.bwaldvogel.mongo.bson.Document("$match", null), count)))
                    .as("a count whose $match only fixes an index's leading fields: the index's entries counted")
                    .singleElement()
                    .satisfies(result -> assertThat(result.get("n")).isEqualTo((int) m2));
            assertThat(collection.countedByIndex(
                            new de.bwaldvogel.mongo.bson.Document("memberId", "nobody"),
                            List.of(new de.bwaldvogel.mongo.bson.Document("$match", null), count)))
                    .as("nothing matches: no group document, as MongoDB answers")
                    .isEmpty();
            for (de.bwaldvogel.mongo.bson.Document notOnlyTheIndex : List.of(
                    new de.bwaldvogel.mongo.bson.Document("memberId", "m2").append("status", "open"),
                    new de.bwaldvogel.mongo.bson.Document("memberId", "m2")
                            .append("contactId", new de.bwaldvogel.mongo.bson.Document("$ne", "c7")),
                    new de.bwaldvogel.mongo.bson.Document(
                                    "$or", List.of(new de.bwaldvogel.mongo.bson.Document("memberId", "m2")))
                            .append("memberId", "m2"))) {
                assertThat(collection.countedByIndex(
                                notOnlyTheIndex, List.of(new de.bwaldvogel.mongo.bson.Document("$match", null), count)))
                        .as("%s is matched document by document", notOnlyTheIndex)
                        .isNull();
            }
            assertThat(collection.aggregate(
                            List.of(count),
                            null,
                            null,
                            new de.bwaldvogel.mongo.bson.Document("cursor", new de.bwaldvogel.mongo.bson.Document())))
                    .as("no leading $match: mongo-java-server's own aggregation over every document")
                    .isNull();
            // Nothing fixes a leading field: no index helps, the store scans as before.
            assertThat(candidates(
                            collection,
                            new de.bwaldvogel.mongo.bson.Document(
                                    "contactId", new de.bwaldvogel.mongo.bson.Document("$exists", true))))
                    .isNull();
        });
    }

    @Test
    void aSortedPageIsReadInTheIndexsOrderWhenTheIndexOrdersAsTheSortDoes(@TempDir Path dir) {
        EmbeddedMongo.PlatformH2Backend backend =
                new EmbeddedMongo.PlatformH2Backend(dir.resolve("rapport.mv").toString());
        withStore(backend, db -> {
            MongoCollection<Document> indexed = db.getCollection("indexed");
            declareIndexes(indexed);
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 1_200; i++) {
                // A member who holds the whole collection: without a walk in order, every page scans it.
                documents.add(new Document("_id", "big-" + (1_199 - i))
                        .append("memberId", "big")
                        .append("kind", i % 2 == 0 ? "follow-up" : "manual")
                        .append(
                                "dueOn",
                                LocalDate.of(2026, 1, 1).plusDays(i % 90).toString())
                        .append("at", java.util.Date.from(java.time.Instant.parse("2026-01-01T00:00:00Z"))));
            }
            indexed.insertMany(documents);
            IndexedH2Collection collection =
                    (IndexedH2Collection) backend.resolveDatabase(DATABASE).resolveCollection("indexed", true);
            de.bwaldvogel.mongo.bson.Document member =
                    new de.bwaldvogel.mongo.bson.Document("memberId", "big").append("kind", "follow-up");
            de.bwaldvogel.mongo.bson.Document byDue =
                    new de.bwaldvogel.mongo.bson.Document("dueOn", 1).append("_id", 1);

            var page = collection.inIndexOrder(member, byDue, 0, 3, 0, null);

            assertThat(page)
                    .as("member_due (memberId, dueOn, _id) walked in order")
                    .isNotNull();
            List<Object> ids = new ArrayList<>();
            page.forEach(document -> ids.add(document.get("_id")));
            // dueOn 2026-01-01 is held by i = 0, 90, 180 … (all follow-ups), ties by _id as a sort of a scan leaves
            // them.
            assertThat(ids).isEqualTo(ids(sortedByScan(documents, 0, 3)));
            assertThat(ids)
                    .hasSize(3)
                    .allMatch(id -> documents.stream()
                            .anyMatch(d -> d.get("_id").equals(id)
                                    && d.getString("dueOn").equals("2026-01-01")));
            // Through the driver, with a skip, and the last page: what a sort of a scan answers.
            Bson followUps = Filters.and(Filters.eq("memberId", "big"), Filters.eq("kind", "follow-up"));
            for (int skip : List.of(0, 1, 590)) {
                assertThat(run(indexed, followUps, Sorts.ascending("dueOn", "_id"), skip, 20))
                        .isEqualTo(sortedByScan(documents, skip, 20));
            }
            // No condition at all, sorted by an index's only field (the relay's oldest pending markers): walked too.
            assertThat(collection.inIndexOrder(
                            new de.bwaldvogel.mongo.bson.Document(),
                            new de.bwaldvogel.mongo.bson.Document("dueOn", 1),
                            0,
                            3,
                            0,
                            null))
                    .as("the index due (dueOn) from its start")
                    .isNotNull();
            assertThat(run(indexed, new Document(), Sorts.ascending("dueOn"), 2, 7))
                    .isEqualTo(documents.stream()
                            .sorted(java.util.Comparator.comparing((Document d) -> d.getString("dueOn"))
                                    .thenComparing(d -> d.getString("_id")))
                            .skip(2)
                            .limit(7)
                            .toList());
            // Not walked: a descending sort, a sort the index does not end with, a field that held two classes, no
            // limit.
            assertThat(collection.inIndexOrder(
                            member,
                            new de.bwaldvogel.mongo.bson.Document("dueOn", -1).append("_id", -1),
                            0,
                            3,
                            0,
                            null))
                    .isNull();
            assertThat(collection.inIndexOrder(
                            member, new de.bwaldvogel.mongo.bson.Document("dueOn", 1), 0, 3, 0, null))
                    .isNull();
            indexed.insertOne(
                    new Document("_id", "odd").append("memberId", "big").append("at", "2026-01-15"));
            assertThat(collection.inIndexOrder(
                            new de.bwaldvogel.mongo.bson.Document("memberId", "big"),
                            new de.bwaldvogel.mongo.bson.Document("at", 1),
                            0,
                            3,
                            0,
                            null))
                    .as("at holds a date and a string: the index orders classes apart, MongoDB by type")
                    .isNull();
            assertThat(collection.inIndexOrder(member, byDue, 0, 0, 0, null)).isNull();
        });
    }

    private static List<Object> ids(List<Document> documents) {
        return documents.stream().map(d -> d.get("_id")).toList();
    }

    /** The big member's follow-ups sorted by due date then id, skipped and limited, as MongoDB answers them. */
    private static List<Document> sortedByScan(List<Document> documents, int skip, int limit) {
        return documents.stream()
                .filter(d -> d.get("kind").equals("follow-up"))
                .sorted(java.util.Comparator.comparing((Document d) -> d.getString("dueOn"))
                        .thenComparing(d -> d.getString("_id")))
                .skip(skip)
                .limit(limit)
                .toList();
    }

    private static Collection<Object> candidates(IndexedH2Collection collection, de.bwaldvogel.mongo.bson.Document q) {
        return collection.candidates(q, null);
    }

    private static Collection<Object> bigMemberAt(
            IndexedH2Collection collection, de.bwaldvogel.mongo.bson.Document range) {
        return candidates(collection, new de.bwaldvogel.mongo.bson.Document("memberId", "big").append("at", range));
    }

    private static void declareIndexes(MongoCollection<Document> collection) {
        collection.createIndex(Indexes.ascending("memberId", "dueOn", "_id"), new IndexOptions().name("member_due"));
        collection.createIndex(
                Indexes.compoundIndex(Indexes.ascending("memberId", "contactId"), Indexes.descending("dueOn")),
                new IndexOptions().name("member_contact_due"));
        collection.createIndex(Indexes.ascending("memberId", "tags"), new IndexOptions().name("member_tags"));
        collection.createIndex(
                Indexes.ascending("memberId", "promises.done"), new IndexOptions().name("member_open_promises"));
        collection.createIndex(Indexes.ascending("kind"), new IndexOptions().name("kind"));
        collection.createIndex(Indexes.ascending("memberId", "at"), new IndexOptions().name("member_at"));
        collection.createIndex(
                Indexes.ascending("count"), new IndexOptions().name("count").sparse(true));
        // Led by the field a network-wide sweep bounds (no member fixed): a date, a string, an array.
        collection.createIndex(Indexes.ascending("at"), new IndexOptions().name("at"));
        collection.createIndex(Indexes.ascending("dueOn"), new IndexOptions().name("due"));
        collection.createIndex(Indexes.ascending("tags"), new IndexOptions().name("tags"));
    }

    private Document randomDocument(int i) {
        Document d = new Document("_id", i % 3 == 0 ? new org.bson.types.ObjectId().toHexString() : "r-" + i)
                .append("memberId", pick(MEMBERS))
                .append("kind", pick(KINDS))
                .append("status", pick(STATUSES))
                .append("version", random.nextInt(5));
        if (random.nextInt(5) > 0) {
            d.append("contactId", "c" + random.nextInt(20));
        }
        if (random.nextInt(6) > 0) {
            d.append(
                    "dueOn",
                    LocalDate.of(2026, 1, 1).plusDays(random.nextInt(60)).toString());
        }
        if (random.nextInt(5) > 0) {
            // Mostly dates; now and then a string, which a date range must not match (nor the reverse).
            d.append("at", random.nextInt(10) == 0 ? "2026-01-15" : randomDate());
        }
        if (random.nextBoolean()) {
            d.append("tags", randomTags());
        }
        if (random.nextBoolean()) {
            List<Document> promises = new ArrayList<>();
            for (int p = random.nextInt(3); p > 0; p--) {
                promises.add(
                        random.nextInt(4) == 0
                                ? new Document("what", "x")
                                : new Document("done", random.nextBoolean()));
            }
            d.append("promises", promises);
        }
        switch (random.nextInt(4)) {
            case 0 -> d.append("count", random.nextInt(4));
            case 1 -> d.append("count", (long) random.nextInt(4));
            case 2 -> d.append("count", (double) random.nextInt(4));
            default -> {}
        }
        return d;
    }

    private java.util.Date randomDate() {
        return java.util.Date.from(
                java.time.Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3_600L * random.nextInt(24 * 60)));
    }

    /** A range on a field: one bound or both, inclusive or not, sometimes one that holds nothing. */
    private Bson randomRange(String field, java.util.function.Supplier<Object> value) {
        Object a = value.get();
        Object b = value.get();
        return switch (random.nextInt(6)) {
            case 0 -> Filters.lt(field, a);
            case 1 -> Filters.lte(field, a);
            case 2 -> Filters.gt(field, a);
            case 3 -> Filters.gte(field, a);
            case 4 -> Filters.and(Filters.gte(field, a), Filters.lt(field, b));
            default -> new Document(field, new Document("$gt", a).append("$lte", b));
        };
    }

    private Bson randomRangeOnSomeField() {
        return random.nextBoolean()
                ? randomRange(
                        "dueOn",
                        () -> LocalDate.of(2026, 1, 1)
                                .plusDays(random.nextInt(60))
                                .toString())
                : random.nextBoolean()
                        ? randomRange("at", this::randomDate)
                        // an array field: each bound may be met by a different element
                        : randomRange("tags", () -> "t" + random.nextInt(6));
    }

    private List<String> randomTags() {
        List<String> tags = new ArrayList<>();
        for (int t = random.nextInt(4); t > 0; t--) {
            tags.add("t" + random.nextInt(6));
        }
        return tags;
    }

    private Bson randomFilter() {
        List<Bson> parts = new ArrayList<>();
        boolean member = random.nextInt(6) > 0;
        if (member) {
            parts.add(Filters.eq("memberId", pick(MEMBERS)));
        } else if (random.nextBoolean()) {
            // a network-wide sweep's shape: a range on a field, for every member at once
            parts.add(randomRangeOnSomeField());
        }
        switch (random.nextInt(9)) {
            case 0 -> parts.add(Filters.eq("contactId", "c" + random.nextInt(20)));
            case 1 -> parts.add(Filters.in("status", "open", "snoozed"));
            case 2 -> parts.add(Filters.eq("tags", "t" + random.nextInt(6)));
            case 3 -> parts.add(Filters.eq("promises.done", random.nextBoolean()));
            case 4 -> parts.add(randomRangeOnSomeField());
            case 5 -> parts.add(Filters.eq("kind", pick(KINDS)));
            case 6 -> parts.add(Filters.eq("count", random.nextInt(4)));
            case 7 -> parts.add(Filters.eq("count", (long) random.nextInt(4)));
            default -> parts.add(Filters.exists("contactId", false));
        }
        if (random.nextInt(3) == 0) {
            parts.add(Filters.eq("contactId", "c" + random.nextInt(20)));
        }
        if (random.nextInt(4) == 0) {
            parts.add(Filters.ne("status", "done"));
        }
        if (parts.size() > 1 && random.nextBoolean()) {
            // Spring Data's andOperator: an explicit $and, which the driver's Filters.and would have flattened.
            return new Document(
                    "$and",
                    parts.stream()
                            .map(part -> part.toBsonDocument(
                                    BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry()))
                            .toList());
        }
        return parts.size() == 1 ? parts.getFirst() : Filters.and(parts);
    }

    private void compareQueries(MongoCollection<Document> indexed, MongoCollection<Document> plain, int queries) {
        for (int i = 0; i < queries; i++) {
            Bson filter = randomFilter();
            Bson sort = switch (random.nextInt(7)) {
                case 0 -> null;
                case 1 -> Sorts.ascending("dueOn");
                case 2 -> Sorts.descending("dueOn", "_id");
                // served in member_due's order (memberId fixed): a walk of the index that stops at the limit
                case 3, 4 -> Sorts.ascending("dueOn", "_id");
                // member_at's field, whose values are dates and now and then a string: never walked in order
                case 5 -> Sorts.ascending("at");
                default -> Sorts.ascending("contactId");
            };
            int skip = random.nextInt(4) == 0 ? random.nextInt(5) : 0;
            int limit = random.nextBoolean() ? 0 : 1 + random.nextInt(20);
            assertThat(run(indexed, filter, sort, skip, limit))
                    .as("%s sorted by %s, skip %d, limit %d", filter, sort, skip, limit)
                    .isEqualTo(run(plain, filter, sort, skip, limit));
            assertThat(indexed.countDocuments(filter))
                    .as("count of %s", filter)
                    .isEqualTo(plain.countDocuments(filter));
            List<Bson> pipeline = List.of(
                    Aggregates.match(filter),
                    Aggregates.group("$status", Accumulators.sum("n", 1), Accumulators.first("first", "$_id")));
            assertThat(indexed.aggregate(pipeline).into(new ArrayList<>()))
                    .as("aggregation over %s", filter)
                    .isEqualTo(plain.aggregate(pipeline).into(new ArrayList<>()));
        }
    }

    private static List<Document> run(
            MongoCollection<Document> collection, Bson filter, Bson sort, int skip, int limit) {
        var find = collection.find(filter).skip(skip).limit(limit);
        if (sort != null) {
            find = find.sort(sort);
        }
        return find.into(new ArrayList<>());
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @Test
    void uniqueIndexesStillRefuseDuplicatesAndFindByTheirKey(@TempDir Path dir) {
        withStore(dir.resolve("rapport.mv").toString(), db -> {
            MongoCollection<Document> people = db.getCollection("people");
            people.createIndex(
                    Indexes.ascending("email"), new IndexOptions().name("email").unique(true));
            people.createIndex(
                    Indexes.ascending("n"), new IndexOptions().name("n").unique(true));
            people.insertOne(
                    new Document("_id", "a").append("email", "a@example.com").append("n", 1));
            org.bson.types.ObjectId objectId = new org.bson.types.ObjectId();
            people.insertOne(new Document("_id", objectId)
                    .append("email", "b@example.com")
                    .append("n", 2));

            for (Document duplicate : List.of(
                    new Document("_id", "a").append("n", 10),
                    new Document("_id", objectId).append("n", 11),
                    new Document("_id", "c").append("email", "a@example.com").append("n", 12),
                    new Document("_id", "d").append("n", 1.0))) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> people.insertOne(duplicate))
                        .as("%s", duplicate)
                        .isInstanceOfSatisfying(
                                com.mongodb.MongoWriteException.class,
                                e -> assertThat(e.getError().getCode()).isEqualTo(11000));
            }
            assertThat(people.find(Filters.eq("_id", objectId)).first()).isNotNull();
            assertThat(people.find(Filters.eq("email", "a@example.com")).first())
                    .extracting(d -> d.get("_id"))
                    .isEqualTo("a");
            people.deleteOne(Filters.eq("_id", "a"));
            people.insertOne(
                    new Document("_id", "a").append("email", "a@example.com").append("n", 1));
            people.updateOne(Filters.eq("_id", "a"), Updates.set("email", "new@example.com"));
            people.insertOne(
                    new Document("_id", "e").append("email", "a@example.com").append("n", 3));
            assertThat(people.countDocuments()).isEqualTo(3);
        });
    }

    private static void withStore(String file, Consumer<MongoDatabase> work) {
        withStore(new EmbeddedMongo.PlatformH2Backend(file), work);
    }

    private static void withStore(EmbeddedMongo.PlatformH2Backend backend, Consumer<MongoDatabase> work) {
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client =
                MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort())) {
            work.accept(client.getDatabase(DATABASE));
        } finally {
            server.shutdownNow();
        }
    }
}

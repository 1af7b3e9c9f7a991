package dev.rapport.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB-wire server of the embedded default: mongo-java-server in the launcher's JVM with its H2
 * backend on {@code var/mongo/rapport.mv}, so that data survives a clean stop. Its own log goes to
 * {@code var/logs/mongo.log}.
 */
final class EmbeddedMongo {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
    private static final String SERVER_LOGGER = "de.bwaldvogel";

    private final MongoServer server;
    private final Path file;
    private final FileAppender<ILoggingEvent> logAppender;

    private EmbeddedMongo(MongoServer server, Path file, FileAppender<ILoggingEvent> logAppender) {
        this.server = server;
        this.file = file;
        this.logAppender = logAppender;
    }

    static EmbeddedMongo start(Path varDir, Ports ports) {
        Path file = varDir.resolve("mongo").resolve("rapport.mv");
        FileAppender<ILoggingEvent> appender = logTo(varDir.resolve("logs").resolve("mongo.log"));
        H2Backend backend;
        try {
            Files.createDirectories(file.getParent());
            backend = new PlatformH2Backend(file.toString());
        } catch (IOException e) {
            detach(appender);
            throw new UncheckedIOException("Cannot create " + file.getParent(), e);
        } catch (RuntimeException e) {
            detach(appender);
            throw new PlatformException(
                    "Cannot open the MongoDB data file " + file + " (" + e.getMessage()
                            + "). Is another platform running on the same var dir?",
                    e);
        }
        MongoServer server = new MongoServer(backend);
        try {
            server.bind("127.0.0.1", ports.mongo());
        } catch (RuntimeException e) {
            backend.close();
            detach(appender);
            throw new PlatformException(
                    "The MongoDB-wire server cannot listen on 127.0.0.1:" + ports.mongo() + ": " + e.getMessage(), e);
        }
        log.info("MongoDB-wire server ready on {} (data {})", ports.mongoUri(), file);
        return new EmbeddedMongo(server, file, appender);
    }

    /** Closes client connections, then the H2 store, which writes everything to the file. */
    void stop() {
        log.info("Closing the MongoDB-wire server ({})", file);
        server.shutdownNow();
        detach(logAppender);
    }

    /**
     * The server logs every command it does not know with a stack trace, and every index it ignores:
     * useful when a query misbehaves, noise on the launcher's console.
     */
    private static FileAppender<ILoggingEvent> logTo(Path logFile) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return null;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("mongo-log");
        appender.setFile(logFile.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        ch.qos.logback.classic.Logger logger = context.getLogger(SERVER_LOGGER);
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(appender);
        return appender;
    }

    private static void detach(FileAppender<ILoggingEvent> appender) {
        if (appender != null && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            ch.qos.logback.classic.Logger logger = context.getLogger(SERVER_LOGGER);
            logger.detachAppender(appender);
            logger.setAdditive(true);
            logger.setLevel(null);
            appender.stop();
        }
    }

    /**
     * mongo-java-server's H2 backend, with three changes. It answers {@code hello} and {@code ping} on every database as
     * MongoDB does: mongo-java-server 1.47 knows {@code hello} nowhere and {@code ping} on {@code admin} only, but
     * Spring Boot's MongoDB health indicator sends {@code hello} to each database, so without this the services'
     * readiness (which includes MongoDB) would never turn UP. And it stores index keys and documents in formats that
     * cost far less CPU than H2's Java serialization ({@link IndexKeyOrder}, {@link DocumentFormat}). Its collections
     * use the services' declared (non-unique) indexes, which mongo-java-server ignores ({@link SecondaryIndex}, {@link
     * IndexedH2Collection}).
     */
    static final class PlatformH2Backend extends H2Backend {

        /** The index maps already in {@link IndexKeyOrder}'s order (name → "1"), in the data file itself. */
        static final String ORDERED_INDEXES = "_rapport.ordered-indexes";

        /**
         * How long H2 keeps a chunk that no current page uses (its default is 45 s). A query that scans a collection
         * reads it from the version of the moment it began, and H2 does not count such a reader: once a scan lasts
         * longer than the retention (twenty exports of a 30,000-contact member at once on a slow machine, while the
         * import's events are still consumed), a chunk it still has to read is gone and the query fails with
         * "Chunk … not found" (seen in a full bench run). Ten minutes cost only disk space: what is rewritten meanwhile.
         */
        static final Duration RETENTION = Duration.ofMinutes(10);

        /**
         * H2's page cache, in MB of its estimate (the documents' BSON sizes, which the decoded documents held on the heap
         * exceed several times). H2's default of 16 MB held a few thousand documents: with a member's 5,000 contacts
         * and the store's other collections, every read evicted what the next needed, and the cache's bookkeeping
         * (CacheLongKeyLIRS find, evict, prune) was the largest part of the launcher's CPU profile.
         */
        static final int CACHE_MB = 64;

        PlatformH2Backend(String fileName) {
            super(new MVStore.Builder()
                    .fileName(fileName)
                    .cacheSize(CACHE_MB)
                    // No background compaction: with the retention below, what it rewrites is not freed for ten
                    // minutes, so the fill rate it aims at never came and it rewrote chunks on and on (in a JFR
                    // profile of a read-only load after the interactions benchmark, compaction and the page writes
                    // it caused were some 40 % of the launcher's CPU). Chunks whose pages are all dead are still
                    // freed once the retention has passed.
                    .autoCompactFillRate(0)
                    .open());
            getMvStore().setRetentionTime((int) RETENTION.toMillis());
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            return new PlatformH2Database(databaseName);
        }

        /**
         * Opens a unique index's map with {@link IndexKeyOrder} as its key type. A map written in H2's default order
         * (by an earlier version, or one created before this) is re-sorted once: its entries are read in stored order
         * (which compares nothing), then written back in the new one.
         */
        MVMap<KeyValue, Object> orderedIndexMap(String mapName) {
            MVMap<String, String> ordered = getMvStore().openMap(ORDERED_INDEXES);
            MVMap<KeyValue, Object> map = getMvStore()
                    .openMap(
                            mapName,
                            new MVMap.Builder<KeyValue, Object>()
                                    .keyType(new IndexKeyOrder())
                                    .valueType(new StoreValueFormat()));
            if (!ordered.containsKey(mapName)) {
                if (!map.isEmpty()) {
                    List<Map.Entry<KeyValue, Object>> entries = new ArrayList<>(map.size());
                    map.entrySet().forEach(entry -> entries.add(Map.entry(entry.getKey(), entry.getValue())));
                    map.clear();
                    entries.forEach(entry -> map.put(entry.getKey(), entry.getValue()));
                    log.info("Re-sorted the index {} ({} keys) for the faster key order", mapName, entries.size());
                }
                ordered.put(mapName, "1");
            }
            return map;
        }

        /**
         * mongo-java-server's H2 database, with its unique indexes in {@link IndexKeyOrder}, its documents in {@link
         * DocumentFormat} and their ids in {@link StoreValueFormat}.
         */
        final class PlatformH2Database extends H2Database {

            PlatformH2Database(String databaseName) {
                super(databaseName, getMvStore(), getCursorRegistry());
            }

            /** mongo-java-server's collection over maps named as it names them, with documents in {@link DocumentFormat}. */
            @Override
            protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
                String namespace = getFullCollectionNamespace(collectionName);
                MVMap<Object, Document> data = getMvStore()
                        .openMap(
                                "databases." + namespace,
                                new MVMap.Builder<Object, Document>()
                                        .keyType(new StoreValueFormat())
                                        .valueType(new DocumentFormat()));
                MVMap<String, Object> meta = getMvStore().openMap("meta." + namespace);
                return new IndexedH2Collection(this, collectionName, options, data, meta, getCursorRegistry());
            }

            /** A real index where mongo-java-server would keep an empty placeholder ({@link SecondaryIndex}). */
            @Override
            protected Index<Object> openOrCreateSecondaryIndex(
                    String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
                return new SecondaryIndex(indexName, keys, sparse);
            }

            @Override
            protected Index<Object> openOrCreateUniqueIndex(
                    String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
                // The map name mongo-java-server 1.47 gives an index (H2Database.mapNameForIndex).
                String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
                return new OrderedUniqueIndex(orderedIndexMap(mapName), indexName, keys, sparse);
            }

            /** An aggregation that starts with a {@code $match} reads the candidates of its collection's indexes. */
            @Override
            public Document handleCommand(
                    Channel channel, String command, Document query, DatabaseResolver resolver, Oplog oplog) {
                if (command.equalsIgnoreCase("aggregate")
                        && query.get(command) instanceof String collectionName
                        && resolveCollection(collectionName, false) instanceof IndexedH2Collection collection) {
                    List<Document> result =
                            collection.aggregate(Aggregation.parse(query.get("pipeline")), resolver, oplog, query);
                    if (result != null) {
                        // What mongo-java-server answers an aggregation with: one batch, no cursor left open.
                        Document cursor = new Document("id", 0L)
                                .append("ns", getFullCollectionNamespace(collectionName))
                                .append("firstBatch", result);
                        return new Document("cursor", cursor).append("ok", 1.0);
                    }
                }
                return super.handleCommand(channel, command, query, resolver, oplog);
            }

            @Override
            protected void dropIndex(MongoCollection<Object> collection, String indexName) {
                super.dropIndex(collection, indexName);
                getMvStore()
                        .<String, String>openMap(ORDERED_INDEXES)
                        .remove(getFullCollectionNamespace(collection.getCollectionName()) + "._index_" + indexName);
            }
        }

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            if (command.equalsIgnoreCase("hello")) {
                Document response = super.handleCommand(channel, databaseName, "ismaster", query);
                response.put("isWritablePrimary", Boolean.TRUE);
                return response;
            }
            if (command.equalsIgnoreCase("ping")) {
                return super.handleCommand(channel, "admin", command, query);
            }
            return super.handleCommand(channel, databaseName, command, query);
        }
    }

    /**
     * mongo-java-server's H2 unique index (whose constructor is not public) over any sorted map: an H2 map in {@link
     * IndexKeyOrder} for the unique indexes, an in-memory map for the {@link SecondaryIndex}es.
     */
    static class OrderedUniqueIndex extends AbstractUniqueIndex<Object> {

        private final ConcurrentMap<KeyValue, Object> map;
        /** The index's only field when it has one, at the top level (as {@code _id}'s index); otherwise null. */
        private final String topLevelField;

        OrderedUniqueIndex(ConcurrentMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
            String only = keys.size() == 1 ? keys.getFirst().getKey() : null;
            this.topLevelField = only != null && only.indexOf('.') < 0 && !only.startsWith("$") ? only : null;
        }

        /**
         * The key of a document whose indexed field is a top-level string or object id, made without mongo-java-server's
         * path lookup (which splits every key with a regular expression first: with the duplicate check below, a tenth
         * of the store's CPU samples in a 30,000-row import); any other document's keys are the library's.
         */
        @Override
        public Set<KeyValue> getKeyValues(Document document) {
            KeyValue key = plainKey(document);
            return key != null ? Set.of(key) : super.getKeyValues(document);
        }

        /** A new document's key is looked up once, without the path lookup; a duplicate is reported by the library. */
        @Override
        public synchronized void checkAdd(Document document, MongoCollection<Object> collection) {
            KeyValue key = plainKey(document);
            if (key == null || containsKey(key)) {
                super.checkAdd(document, collection);
            }
        }

        private KeyValue plainKey(Document document) {
            if (topLevelField == null) {
                return null;
            }
            Object value = document.get(topLevelField);
            return value instanceof String || value instanceof ObjectId
                    ? new KeyValue(List.of(value)).normalized()
                    : null;
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            return map.remove(key);
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue key) {
            return map.get(key);
        }

        @Override
        public long getCount() {
            return map instanceof MVMap<KeyValue, Object> stored ? stored.sizeAsLong() : map.size();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }
}

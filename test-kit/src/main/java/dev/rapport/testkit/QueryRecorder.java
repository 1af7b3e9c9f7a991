package dev.rapport.testkit;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Records the shape of every query and update the services' code sends to MongoDB in this JVM (one registry per
 * JVM, so a module's integration tests fill it together), for {@link IndexCoverage} to check against the indexes
 * the service declares. Commands sent by test code (a frame of a class loaded from {@code test-classes} nearest to
 * the call) and inserts are not recorded: an insert needs no index.
 */
public final class QueryRecorder implements CommandListener {

    private static final Map<QueryShape, Origin> RECORDED = new ConcurrentHashMap<>();
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /** Where a shape was first seen, and how often. */
    public static final class Origin {
        private final String caller;
        private final String example;
        private long count;

        Origin(String caller, String example) {
            this.caller = caller;
            this.example = example;
        }

        public String caller() {
            return caller;
        }

        public String example() {
            return example;
        }

        public synchronized long count() {
            return count;
        }

        synchronized void seen() {
            count++;
        }
    }

    /** Everything recorded so far in this JVM. */
    public static Map<QueryShape, Origin> recorded() {
        return Map.copyOf(RECORDED);
    }

    /** Forgets what was recorded (for tests of the recorder itself). */
    public static void clear() {
        RECORDED.clear();
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (!event.getDatabaseName().startsWith("test-")) {
            return;
        }
        BsonDocument command = event.getCommand();
        List<Query> queries = queriesOf(event.getCommandName(), command);
        if (queries.isEmpty()) {
            return;
        }
        Optional<StackWalker.StackFrame> caller = WALKER.walk(
                frames -> frames.filter(frame -> frame.getClassName().startsWith("dev.rapport.")
                                && !frame.getClassName().startsWith("dev.rapport.testkit."))
                        .findFirst());
        if (caller.isPresent() && isTestCode(caller.get().getDeclaringClass())) {
            return;
        }
        String callerName = caller.map(frame -> frame.getClassName() + "." + frame.getMethodName())
                .orElse("(framework)");
        for (Query query : queries) {
            for (QueryShape shape :
                    QueryShape.of(query.collection(), event.getCommandName(), query.filter(), query.sort())) {
                RECORDED.computeIfAbsent(shape, s -> new Origin(callerName, abbreviate(query.filter())))
                        .seen();
            }
        }
    }

    private record Query(String collection, BsonDocument filter, BsonDocument sort) {}

    static List<Query> queriesOf(String name, BsonDocument command) {
        List<Query> queries = new ArrayList<>();
        switch (name) {
            case "find" ->
                queries.add(
                        new Query(command.getString("find").getValue(), doc(command, "filter"), doc(command, "sort")));
            case "count" ->
                queries.add(
                        new Query(command.getString("count").getValue(), doc(command, "query"), new BsonDocument()));
            case "distinct" ->
                queries.add(
                        new Query(command.getString("distinct").getValue(), doc(command, "query"), new BsonDocument()));
            case "findAndModify" ->
                queries.add(new Query(
                        command.getString("findAndModify").getValue(), doc(command, "query"), doc(command, "sort")));
            case "update" -> each(command, "update", "updates", queries);
            case "delete" -> each(command, "delete", "deletes", queries);
            case "aggregate" -> {
                if (command.isString("aggregate")) {
                    queries.add(aggregation(command.getString("aggregate").getValue(), command.getArray("pipeline")));
                }
            }
            default -> {
                // inserts, index and admin commands, getMore: nothing to serve
            }
        }
        return queries;
    }

    private static void each(BsonDocument command, String name, String array, List<Query> queries) {
        String collection = command.getString(name).getValue();
        BsonArray statements = command.getArray(array, new BsonArray());
        for (BsonValue statement : statements) {
            queries.add(new Query(collection, doc(statement.asDocument(), "q"), new BsonDocument()));
        }
    }

    private static Query aggregation(String collection, BsonArray pipeline) {
        BsonDocument match = new BsonDocument();
        BsonDocument sort = new BsonDocument();
        int at = 0;
        if (at < pipeline.size() && pipeline.get(at).asDocument().containsKey("$match")) {
            match = pipeline.get(at).asDocument().getDocument("$match");
            at++;
        }
        if (at < pipeline.size() && pipeline.get(at).asDocument().containsKey("$sort")) {
            sort = pipeline.get(at).asDocument().getDocument("$sort");
        }
        return new Query(collection, match, sort);
    }

    private static BsonDocument doc(BsonDocument command, String key) {
        BsonValue value = command.get(key);
        return value != null && value.isDocument() ? value.asDocument() : new BsonDocument();
    }

    private static boolean isTestCode(Class<?> type) {
        var source = type.getProtectionDomain().getCodeSource();
        return source != null
                && source.getLocation() != null
                && source.getLocation().toString().contains("test-classes");
    }

    private static String abbreviate(BsonDocument filter) {
        String json = filter.toJson();
        return json.length() > 200 ? json.substring(0, 200) + "…" : json;
    }

    /** Every shape recorded on {@code collections}. */
    static Collection<QueryShape> on(Collection<String> collections) {
        return RECORDED.keySet().stream()
                .filter(shape -> collections.contains(shape.collection()))
                .toList();
    }
}

package dev.rapport.support.mongo;

import com.mongodb.client.model.IndexOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Creates every declared index once the service is up, and again every minute until it has succeeded: a store
 * that is down at start-up delays the indexes, never the service. Creating an index that exists is a no-op; an
 * index that exists under the same name with other keys or options is logged and left alone (drop it by hand).
 */
public class IndexCreator {

    private static final Logger log = LoggerFactory.getLogger(IndexCreator.class);

    private final MongoTemplate mongo;
    private final List<DeclaredIndexes> declarations;
    private final AtomicBoolean done = new AtomicBoolean();

    public IndexCreator(MongoTemplate mongo, List<DeclaredIndexes> declarations) {
        this.mongo = mongo;
        this.declarations = List.copyOf(declarations);
    }

    /** Every index this service declares. */
    public List<IndexDeclaration> all() {
        return declarations.stream().flatMap(d -> d.indexes().stream()).toList();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
        createAll();
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    public void retryUntilCreated() {
        if (!done.get()) {
            createAll();
        }
    }

    /** Creates the indexes; answers whether the store took them all (a conflicting index counts as done). */
    public boolean createAll() {
        try {
            for (IndexDeclaration index : all()) {
                create(index);
            }
            done.set(true);
            log.info("MongoDB indexes declared: {}", all().size());
            return true;
        } catch (RuntimeException e) {
            log.warn("Could not create the MongoDB indexes now (retrying every minute): {}", e.toString());
            return false;
        }
    }

    private void create(IndexDeclaration index) {
        IndexOptions options = new IndexOptions().name(index.name()).unique(index.unique());
        if (index.expireAfter() != null) {
            options.expireAfter(index.expireAfter().toSeconds(), TimeUnit.SECONDS);
        }
        try {
            mongo.getCollection(index.collection()).createIndex(index.keyDocument(), options);
        } catch (com.mongodb.MongoCommandException e) {
            // 85 IndexOptionsConflict, 86 IndexKeySpecsConflict: an older definition; the store keeps serving.
            if (e.getErrorCode() != 85 && e.getErrorCode() != 86) {
                throw e;
            }
            log.error(
                    "Index {} on {} conflicts with an existing one: {}",
                    index.name(),
                    index.collection(),
                    e.getErrorMessage());
        }
    }
}

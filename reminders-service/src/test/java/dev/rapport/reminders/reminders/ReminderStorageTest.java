package dev.rapport.reminders.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.rapport.contracts.events.ReopenedBy;
import dev.rapport.reminders.reminders.domain.ReminderKind;
import dev.rapport.reminders.reminders.domain.ReminderStatus;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.convert.DefaultDbRefResolver;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * A reminder's kind and status are enums in the code and the same wire names in the store as when they were strings:
 * a document stored before reads into the enums, and is written back with the same strings.
 */
class ReminderStorageTest {

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        SimpleMongoClientDatabaseFactory factory = new SimpleMongoClientDatabaseFactory(client, "reminder-storage");
        MongoCustomConversions conversions = new ReminderStorage().mongoCustomConversions();
        MongoMappingContext context = new MongoMappingContext();
        context.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
        context.afterPropertiesSet();
        MappingMongoConverter converter = new MappingMongoConverter(new DefaultDbRefResolver(factory), context);
        converter.setCustomConversions(conversions);
        converter.afterPropertiesSet();
        mongo = new MongoTemplate(factory, converter);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdown();
    }

    @Test
    void aReminderStoredWithTheOldStringsReadsIntoTheEnumsAndIsWrittenBackWithTheSameStrings() {
        raw().insertOne(new Document("_id", "r-old")
                .append("memberId", "member-1")
                .append("tenantId", "tenant-1")
                .append("kind", "follow-up")
                .append("status", "done")
                .append("version", 3L)
                .append("outbox", List.of()));

        ReminderDocument old = mongo.findById("r-old", ReminderDocument.class);
        assertThat(old.kind).isEqualTo(ReminderKind.FOLLOW_UP);
        assertThat(old.currentStatus()).isEqualTo(ReminderStatus.DONE);

        old.reopen(ReopenedBy.PROMISE_REOPENED);
        mongo.save(old);
        Document written = raw().find(new Document("_id", "r-old")).first();
        assertThat(written.getString("kind")).isEqualTo("follow-up");
        assertThat(written.getString("status")).isEqualTo("open");

        mongo.insert(new ReminderDocument(
                "r-new", ReminderKind.ANSWER_COMMENTS, "member-1", "tenant-1", Instant.parse("2026-11-30T12:00:00Z")));
        Document inserted = raw().find(new Document("_id", "r-new")).first();
        assertThat(inserted.getString("kind")).isEqualTo("answer-comments");
        assertThat(inserted.getString("status")).isEqualTo("open");

        assertThat(mongo
                        .find(
                                new Query(Criteria.where("status")
                                        .in(ReminderQueries.ACTIVE)
                                        .and("kind")
                                        .is(ReminderKind.FOLLOW_UP.id())),
                                ReminderDocument.class)
                        .stream()
                        .map(ReminderDocument::getId))
                .containsExactly("r-old");
    }

    @Test
    void aKindThisBuildDoesNotKnowReadsAsAManualReminderAsItDidAsAString() {
        raw().insertOne(new Document("_id", "r-future")
                .append("memberId", "member-1")
                .append("kind", "celebrate")
                .append("status", "open")
                .append("version", 0L));

        ReminderDocument future = mongo.findById("r-future", ReminderDocument.class);

        assertThat(future.kind()).isEqualTo(ReminderKind.MANUAL);
        assertThat(future.currentStatus()).isEqualTo(ReminderStatus.OPEN);
        // What the API answers for it: a manual reminder, not a reminder without a kind.
        assertThat(ReminderView.of(
                                future,
                                dev.rapport.reminders.settings.domain.MemberPreferences.defaults(
                                        java.time.ZoneOffset.UTC, java.util.Locale.ENGLISH),
                                java.time.Instant.parse("2026-12-01T10:00:00Z"))
                        .kind())
                .isEqualTo("manual");
    }

    private com.mongodb.client.MongoCollection<Document> raw() {
        return mongo.getCollection("reminders");
    }
}

package dev.rapport.support.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

class IndexCreatorTest {

    @Test
    void aStoreThatIsDownDelaysTheIndexesWithoutFailingTheService() {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:1"))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(200, TimeUnit.MILLISECONDS))
                .build();
        try (MongoClient client = MongoClients.create(settings)) {
            IndexCreator creator = new IndexCreator(
                    new MongoTemplate(client, "down"),
                    List.of(() -> List.of(IndexDeclaration.of("reminders", "member_due", "memberId", "-dueOn"))));

            assertThat(creator.createAll()).isFalse();
            creator.onReady();
            creator.retryUntilCreated();
        }
    }

    @Test
    void aDeclarationSaysItsKeysInOrderWithTheirDirections() {
        IndexDeclaration index = IndexDeclaration.of("reminders", "member_due", "memberId", "-dueOn", "_id");

        assertThat(index.fields()).containsExactly("memberId", "dueOn", "_id");
        assertThat(index.keyDocument().toJson()).isEqualTo("{\"memberId\": 1, \"dueOn\": -1, \"_id\": 1}");
    }
}

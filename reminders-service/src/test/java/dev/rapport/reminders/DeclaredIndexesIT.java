package dev.rapport.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rapport.reminders.support.RemindersIntegrationTest;
import dev.rapport.support.events.SupportIndexes;
import dev.rapport.support.mongo.IndexDeclaration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

@RemindersIntegrationTest
class DeclaredIndexesIT {

    @Autowired
    MongoTemplate mongo;

    @Test
    void everyDeclaredIndexIsCreatedAtStartUpWithItsKeys() {
        List<IndexDeclaration> declared = new ArrayList<>(RemindersIndexes.ALL);
        declared.addAll(SupportIndexes.defaults());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (IndexDeclaration index : declared) {
                Document created = null;
                for (Document existing : mongo.getCollection(index.collection()).listIndexes()) {
                    if (index.name().equals(existing.getString("name"))) {
                        created = existing;
                    }
                }
                assertThat(created).as(index.collection() + "." + index.name()).isNotNull();
                assertThat(List.copyOf(created.get("key", Document.class).keySet()))
                        .isEqualTo(index.fields());
            }
        });
    }
}

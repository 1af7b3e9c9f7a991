package dev.rapport.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MongoTimeoutsTest {

    private final MongoClientSettings settings = settings();

    private static MongoClientSettings settings() {
        MongoClientSettings.Builder builder = MongoClientSettings.builder();
        new RapportServiceAutoConfiguration().rapportMongoTimeouts().customize(builder);
        return builder.build();
    }

    @Test
    void anOperationGivesUpOnAnUnreachableStoreWithinASecond() {
        assertThat(settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS))
                .isEqualTo(1_000);
    }

    @Test
    void aHeartbeatWaitsTenSecondsForAStoreThatIsSlowToAnswer() {
        assertThat(settings.getHeartbeatSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS))
                .isEqualTo(10_000);
        assertThat(settings.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS))
                .isEqualTo(10_000);
    }
}

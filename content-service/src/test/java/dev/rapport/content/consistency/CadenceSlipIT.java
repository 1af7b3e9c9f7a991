package dev.rapport.content.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rapport.content.ContentEvents;
import dev.rapport.content.ContentIntegrationTest;
import dev.rapport.testkit.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

@ContentIntegrationTest
class CadenceSlipIT {

    @LocalServerPort
    int port;

    @Autowired
    CadenceSlipSweep sweep;

    @Autowired
    MongoTemplate mongo;

    @Test
    void eightInstancesSweepingAtOnceAnnounceEachMissedWeekExactlyOnce() throws Exception {
        String member = "member-" + UUID.randomUUID();
        ApiClient api = ApiClient.asMember(port, member);
        api.put(
                "/api/v1/content/plan",
                Map.of(
                        "cadences",
                        List.of(Map.of("channel", "linkedin-post", "perPeriod", 1, "period", "week")),
                        "timeZone",
                        "Europe/Madrid"));
        // Five weeks later at least three full weeks have passed without a post; the sweep looks back three.
        Instant later = Instant.now().plus(Duration.ofDays(36));

        try (ContentEvents events = new ContentEvents(member);
                ExecutorService instances = Executors.newFixedThreadPool(8)) {
            AtomicBoolean start = new AtomicBoolean();
            List<Callable<Integer>> sweeps = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sweeps.add(() -> {
                    await().until(start::get);
                    return sweep.checkDue(later);
                });
            }
            List<Future<Integer>> running =
                    sweeps.stream().map(instances::submit).toList();
            start.set(true);
            for (Future<Integer> done : running) {
                done.get();
            }

            assertThat(mongo.count(new Query(Criteria.where("memberId").is(member)), "cadence_slips"))
                    .isEqualTo(3);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> events.ofType("ContentCadenceSlipped").size() == 3);
            // A later sweep over the same periods announces nothing more.
            sweep.checkDue(later);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> events.ofType("ContentCadenceSlipped").size() == 3);

            var slip = events.await("ContentCadenceSlipped", e -> true);
            assertThat(slip.get("channel").asString()).isEqualTo("linkedin-post");
            assertThat(slip.get("period").asString()).isEqualTo("week");
            assertThat(slip.get("targetPerPeriod").asInt()).isEqualTo(1);
            assertThat(slip.get("publishedInPeriod").asInt()).isZero();
            LocalDate periodStart = LocalDate.parse(slip.get("periodStart").asString());
            assertThat(periodStart.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
            assertThat(LocalDate.parse(slip.get("periodEnd").asString())).isEqualTo(periodStart.plusDays(6));
        }
    }
}

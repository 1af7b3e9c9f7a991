package dev.rapport.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.testkit.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ContentIntegrationTest
class ConsistencyIT {

    @LocalServerPort
    int port;

    @Test
    void fourWeeksOfOneBackdatedPostEachAreAStreakWithFullScoreAndSpanishSuggestions() {
        ApiClient api = ApiClient.asMember(port, "member-" + UUID.randomUUID());
        api.put(
                "/api/v1/content/plan",
                Map.of(
                        "pillars",
                        List.of("Data strategy"),
                        "cadences",
                        List.of(Map.of("channel", "linkedin-post", "perPeriod", 1, "period", "week")),
                        "timeZone",
                        "UTC"));
        for (int weeksAgo = 1; weeksAgo <= 4; weeksAgo++) {
            String id = api.post(
                            "/api/v1/content/items",
                            Map.of(
                                    "title",
                                    "Post " + weeksAgo,
                                    "channel",
                                    "linkedin-post",
                                    "format",
                                    "post",
                                    "status",
                                    "draft"))
                    .json()
                    .get("id")
                    .asString();
            Instant publishedAt = Instant.now().minus(Duration.ofDays(7L * weeksAgo));
            assertThat(api.post(
                                    "/api/v1/content/items/" + id + "/publish",
                                    Map.of("publishedAt", publishedAt.toString()))
                            .status())
                    .isEqualTo(200);
        }

        var report = api.header("Accept-Language", "es-ES").get("/api/v1/content/consistency");

        assertThat(report.status()).isEqualTo(200);
        var channel = report.json().get("channels").get(0);
        assertThat(channel.get("channel").asString()).isEqualTo("linkedin-post");
        assertThat(channel.get("status").asString()).isEqualTo("tracked");
        assertThat(channel.get("periodsJudged").asInt()).isEqualTo(4);
        assertThat(channel.get("periodsMet").asInt()).isEqualTo(4);
        assertThat(channel.get("currentStreak").asInt()).isEqualTo(4);
        assertThat(channel.get("score").asInt()).isEqualTo(100);
        assertThat(channel.get("gaps")).isEmpty();
        assertThat(channel.get("suggestions").get(0).get("kind").asString()).isEqualTo("plan-new-item");
        assertThat(channel.get("suggestions").get(0).get("message").asString())
                .isEqualTo("Aún falta algo para esta semana en linkedin-post y no te quedan ideas: apunta una sobre"
                        + " «Data strategy».");

        assertThat(api.get("/api/v1/content/consistency?periods=0").status()).isEqualTo(400);
    }

    @Test
    void aMemberWithoutAPlanGetsAnEmptyReport() {
        var report = ApiClient.asMember(port, "member-" + UUID.randomUUID()).get("/api/v1/content/consistency");

        assertThat(report.status()).isEqualTo(200);
        assertThat(report.json().get("channels")).isEmpty();
    }
}

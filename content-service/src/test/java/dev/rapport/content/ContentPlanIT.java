package dev.rapport.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.testkit.ApiClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ContentIntegrationTest
class ContentPlanIT {

    @LocalServerPort
    int port;

    @Test
    void aMemberSavesAndReadsTheirOwnPlanOnly() {
        ApiClient alice = ApiClient.asMember(port, "alice-" + UUID.randomUUID());
        var plan = Map.of(
                "brandStatement",
                "Data engineering for public health",
                "pillars",
                List.of("data", "health"),
                "cadences",
                List.of(Map.of("channel", "blog", "perPeriod", 1, "period", "month")),
                "timeZone",
                "Europe/Madrid");
        assertThat(alice.put("/api/v1/content/plan", plan).status()).isEqualTo(200);
        var read = alice.get("/api/v1/content/plan").json();
        assertThat(read.get("pillars").get(1).asString()).isEqualTo("health");
        assertThat(read.get("cadences").get(0).get("channel").asString()).isEqualTo("blog");

        ApiClient bob = ApiClient.asMember(port, "bob-" + UUID.randomUUID());
        assertThat(bob.get("/api/v1/content/plan").json().get("pillars")).isEmpty();
    }

    @Test
    void anInvalidPlanIsRefusedWithItsFieldsAndChangesNothing() {
        ApiClient alice = ApiClient.asMember(port, "alice-" + UUID.randomUUID());
        var bad = alice.put(
                "/api/v1/content/plan",
                Map.of("cadences", List.of(Map.of("channel", "blog", "perPeriod", 0, "period", "fortnight"))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().get("errors").findValuesAsString("field"))
                .contains("cadences[0].perPeriod", "cadences[0].period");
        assertThat(alice.put("/api/v1/content/plan", Map.of("timeZone", "Mars/Olympus"))
                        .status())
                .isEqualTo(400);
        assertThat(alice.get("/api/v1/content/plan").json().get("cadences")).isEmpty();
    }

    @Test
    void postingSlotsAreKeptInTheMembersTimeZoneAndBadOnesRefused() {
        ApiClient alice = ApiClient.asMember(port, "alice-" + UUID.randomUUID());
        var plan = Map.of(
                "cadences",
                List.of(Map.of("channel", "linkedin-post", "perPeriod", 1, "period", "week")),
                "timeZone",
                "Europe/Madrid",
                "postingSlots",
                List.of(Map.of("day", "Tuesday", "time", "09:00", "channel", "linkedin-post")));
        assertThat(alice.put("/api/v1/content/plan", plan).status()).isEqualTo(200);
        var slot = alice.get("/api/v1/content/plan").json().get("postingSlots").get(0);
        assertThat(slot.get("day").asString()).isEqualTo("tuesday");
        assertThat(slot.get("time").asString()).isEqualTo("09:00");

        var bad = alice.put(
                "/api/v1/content/plan",
                Map.of(
                        "postingSlots",
                        List.of(Map.of("day", "someday", "time", "25:00")),
                        "cadences",
                        List.of(
                                Map.of("channel", "blog", "perPeriod", 1, "period", "month"),
                                Map.of("channel", "LinkedIn Post", "perPeriod", 1, "period", "week"))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").findValuesAsString("field"))
                .contains("postingSlots[0].day", "postingSlots[0].time", "cadences[1].channel");
        assertThat(alice.put(
                                "/api/v1/content/plan",
                                Map.of(
                                        "cadences",
                                        List.of(
                                                Map.of("channel", "blog", "perPeriod", 1, "period", "month"),
                                                Map.of("channel", "blog", "perPeriod", 2, "period", "week"))))
                        .json()
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("cadences[1].channel");
        assertThat(alice.get("/api/v1/content/plan").json().get("postingSlots")).hasSize(1);
    }

    @Test
    void aPlanSavedFromAStaleReadIsRefusedWith412() {
        ApiClient alice = ApiClient.asMember(port, "alice-" + UUID.randomUUID());
        String etag = alice.put("/api/v1/content/plan", Map.of("pillars", List.of("data")))
                .header("ETag");
        assertThat(alice.header("If-Match", etag)
                        .put("/api/v1/content/plan", Map.of("pillars", List.of("health")))
                        .status())
                .isEqualTo(200);

        var stale = alice.header("If-Match", etag).put("/api/v1/content/plan", Map.of("pillars", List.of("ai")));

        assertThat(stale.status()).isEqualTo(412);
        assertThat(alice.get("/api/v1/content/plan")
                        .json()
                        .get("pillars")
                        .get(0)
                        .asString())
                .isEqualTo("health");
    }
}

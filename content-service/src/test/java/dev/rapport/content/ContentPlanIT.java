package dev.rapport.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.RapportIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@RapportIntegrationTest
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
}

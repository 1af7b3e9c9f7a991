package dev.rapport.reminders.digest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.reminders.support.AsNewMember;
import dev.rapport.reminders.support.MutableClock;
import dev.rapport.reminders.support.RemindersIntegrationTest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

@RemindersIntegrationTest
class DigestIT extends AsNewMember {

    @Test
    void todaysDigestIsCappedByTheMembersDailyCap() {
        api.put("/api/v1/me/notification-settings", Map.of("dailyCap", 2));
        for (String title : new String[] {"One", "Two", "Three"}) {
            api.post("/api/v1/reminders", Map.of("title", title, "dueOn", "2026-03-10"));
        }
        api.post("/api/v1/reminders", Map.of("title", "Later", "dueOn", "2026-03-11"));

        var digest = api.get("/api/v1/digest/today").json();
        assertThat(digest.get("date").asString()).isEqualTo("2026-03-10");
        assertThat(digest.get("dailyCap").asInt()).isEqualTo(2);
        assertThat(digest.get("items")).hasSize(2);
        assertThat(digest.get("heldBack").asInt()).isEqualTo(1);
    }

    @Test
    void todayIsTheMembersDayInTheirTimeZone() {
        api.put("/api/v1/me/notification-settings", Map.of("timeZone", "Pacific/Auckland"));
        // 06:00 UTC on 10 March is 19:00 in Auckland: their today is the 10th, tomorrow the 11th.
        api.post("/api/v1/reminders", Map.of("title", "Auckland tomorrow", "dueOn", "2026-03-11"));
        assertThat(api.get("/api/v1/digest/today").json().get("items")).isEmpty();

        ((MutableClock) clock).set(Instant.parse("2026-03-10T12:00:00Z"));
        var digest = api.get("/api/v1/digest/today").json();
        assertThat(digest.get("date").asString()).isEqualTo("2026-03-11");
        assertThat(digest.get("timeZone").asString()).isEqualTo("Pacific/Auckland");
        assertThat(digest.get("items").get(0).get("title").asString()).isEqualTo("Auckland tomorrow");
    }

    @Test
    void aPersonJustTouchedRestsUntilTheMinimumGapHasPassed() {
        api.put("/api/v1/me/notification-settings", Map.of("minGapDays", 14));
        String ana = api.post(
                        "/api/v1/reminders", Map.of("title", "Call Ana", "dueOn", "2026-03-10", "contactId", "ana"))
                .json()
                .get("id")
                .asString();
        api.post("/api/v1/reminders", Map.of("title", "Ask Ana again", "dueOn", "2026-03-11", "contactId", "ana"));
        // Doing the first counts as an outbound touch.
        api.post("/api/v1/reminders/" + ana + "/complete", null);

        ((MutableClock) clock).set(Instant.parse("2026-03-11T06:00:00Z"));
        var resting = api.get("/api/v1/digest/today").json();
        assertThat(resting.get("items")).isEmpty();
        assertThat(resting.get("resting").asInt()).isEqualTo(1);

        ((MutableClock) clock).set(Instant.parse("2026-03-24T06:00:00Z"));
        assertThat(api.get("/api/v1/digest/today")
                        .json()
                        .get("items")
                        .get(0)
                        .get("title")
                        .asString())
                .isEqualTo("Ask Ana again");
    }
}

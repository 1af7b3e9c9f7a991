package dev.rapport.reminders.routines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.reminders.support.AsNewMember;
import dev.rapport.reminders.support.MutableClock;
import dev.rapport.reminders.support.RemindersIntegrationTest;
import dev.rapport.testkit.ApiClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@RemindersIntegrationTest
class RoutinesIT extends AsNewMember {

    @Autowired
    RoutineService routines;

    @Test
    void aPresetRoutineIsTitledInTheMembersLanguageAndShowsItsNextOccurrences() {
        api.put("/api/v1/me/notification-settings", Map.of("locale", "es"));
        var created = api.post("/api/v1/routines", Map.of("preset", "profile-review", "startOn", "2026-01-15"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.json().get("title").asString())
                .isEqualTo("Revisa tu perfil, tu foto, tu CV y tu tarjeta de visita");
        assertThat(created.json().get("rrule").asString()).isEqualTo("FREQ=MONTHLY;INTERVAL=3");
        assertThat(created.json().get("nextDueOn").asString()).isEqualTo("2026-04-15");
        assertThat(created.json().get("upcoming").toString())
                .isEqualTo("[\"2026-04-15\",\"2026-07-15\",\"2026-10-15\"]");
        assertThat(api.get("/api/v1/routines").json().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void anInvalidRuleIsRefusedOnItsField() {
        var hourly = api.post("/api/v1/routines", Map.of("title", "Too often", "rrule", "FREQ=HOURLY"));
        assertThat(hourly.status()).isEqualTo(400);
        assertThat(hourly.json().get("errors").get(0).get("field").asString()).isEqualTo("rrule");
        assertThat(api.post("/api/v1/routines", Map.of("preset", "nope")).status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/routines", Map.of("rrule", "FREQ=WEEKLY"))
                        .json()
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("title");
        assertThat(api.get("/api/v1/routines").json().get("total").asInt()).isZero();
    }

    @Test
    void eachOccurrenceBecomesExactlyOneReminderEvenWithInstancesRacing() throws Exception {
        var created =
                api.post("/api/v1/routines", Map.of("title", "Weekly group post", "rrule", "FREQ=WEEKLY;BYDAY=TU"));
        assertThat(created.json().get("nextDueOn").asString()).isEqualTo("2026-03-10");

        Callable<Integer> sweep = () -> routines.materializeDue(500);
        try (var instances = Executors.newFixedThreadPool(4)) {
            for (var result : instances.invokeAll(java.util.Collections.nCopies(4, sweep))) {
                result.get();
            }
        }
        var reminders = api.get("/api/v1/reminders?kind=routine").json();
        assertThat(reminders.get("total").asInt()).isEqualTo(1);
        assertThat(reminders.get("items").get(0).get("title").asString()).isEqualTo("Weekly group post");
        assertThat(reminders.get("items").get(0).get("routineId").asString())
                .isEqualTo(created.json().get("id").asString());
        String id = created.json().get("id").asString();
        assertThat(api.get("/api/v1/routines/" + id).json().get("nextDueOn").asString())
                .isEqualTo("2026-03-17");

        // Three weeks of outage: only the latest missed occurrence becomes a reminder.
        ((MutableClock) clock).advance(Duration.ofDays(21));
        routines.materializeDue(500);
        assertThat(api.get("/api/v1/reminders?kind=routine").json().get("total").asInt())
                .isEqualTo(2);
        assertThat(api.get("/api/v1/routines/" + id).json().get("nextDueOn").asString())
                .isEqualTo("2026-04-07");
    }

    @Test
    void aStoppedRoutineIsGoneAndAnotherMembersIsNotFound() {
        String id = api.post("/api/v1/routines", Map.of("preset", "blog-post"))
                .json()
                .get("id")
                .asString();
        ApiClient other = ApiClient.asMember(port, "other-" + UUID.randomUUID());
        assertThat(other.get("/api/v1/routines/" + id).status()).isEqualTo(404);
        assertThat(other.delete("/api/v1/routines/" + id).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/routines/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/routines/" + id).status()).isEqualTo(404);
    }
}

package dev.rapport.reminders.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.reminders.support.AsNewMember;
import dev.rapport.reminders.support.MutableClock;
import dev.rapport.reminders.support.RemindersIntegrationTest;
import dev.rapport.testkit.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@RemindersIntegrationTest
class ReminderLifecycleIT extends AsNewMember {

    @Autowired
    ReminderService reminders;

    @Test
    void aManualReminderIsCreatedOnceEvenWhenThePostIsRetriedWithItsIdempotencyKey() {
        ApiClient keyed = api.header("Idempotency-Key", "k-" + UUID.randomUUID());
        var body = Map.of("title", "Ask Ana about the board opening", "dueOn", "2026-03-12", "contactId", "c1");
        var first = keyed.post("/api/v1/reminders", body);
        var retry = keyed.post("/api/v1/reminders", body);

        assertThat(first.status()).as(first.raw().body()).isEqualTo(201);
        assertThat(first.header("Location"))
                .isEqualTo("/api/v1/reminders/" + first.json().get("id").asString());
        assertThat(first.json().get("kind").asString()).isEqualTo("manual");
        assertThat(first.json().get("status").asString()).isEqualTo("open");
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().get("id").asString())
                .isEqualTo(first.json().get("id").asString());
        assertThat(api.get("/api/v1/reminders").json().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedFieldByFieldAndChangesNothing() {
        var missing = api.post("/api/v1/reminders", Map.of("dueOn", "2026-03-12"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.json().get("errors").get(0).get("field").asString()).isEqualTo("title");

        var past = api.post("/api/v1/reminders", Map.of("title", "x", "dueOn", "2026-03-01"));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().get("errors").get(0).get("field").asString()).isEqualTo("dueOn");

        var notADate = api.post("/api/v1/reminders", Map.of("title", "x", "dueOn", "tomorrow"));
        assertThat(notADate.status()).isEqualTo(400);
        assertThat(notADate.json().get("errors").get(0).get("field").asString()).isEqualTo("dueOn");

        assertThat(api.get("/api/v1/reminders?status=later")
                        .json()
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("status");
        assertThat(api.get("/api/v1/reminders?kind=chore").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/reminders?dueBefore=soon")
                        .json()
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("dueBefore");
        assertThat(api.get("/api/v1/reminders?cursor=%25%25").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/reminders").json().get("total").asInt()).isZero();
    }

    @Test
    void aReminderIsSnoozedUntilItsDayThenDoneAndADoneOneCannotBeDismissed() {
        String id = create("Call Luis", "2026-03-10");

        var snoozed = api.post("/api/v1/reminders/" + id + "/snooze", Map.of("until", "2026-03-13"));
        assertThat(snoozed.json().get("status").asString()).isEqualTo("snoozed");
        assertThat(api.get("/api/v1/reminders?status=open").json().get("total").asInt())
                .isZero();
        assertThat(api.post("/api/v1/reminders/" + id + "/snooze", Map.of("until", "2026-03-10"))
                        .status())
                .isEqualTo(400);

        ((MutableClock) clock).advance(Duration.ofDays(3));
        // Listing never writes: the wake-up sweep (every minute) opens it again once its day has begun.
        assertThat(api.get("/api/v1/reminders?status=snoozed")
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(1);
        assertThat(reminders.wakeDueSnoozes()).isGreaterThanOrEqualTo(1);
        assertThat(api.get("/api/v1/reminders?status=open")
                        .json()
                        .get("items")
                        .get(0)
                        .get("id")
                        .asString())
                .isEqualTo(id);

        assertThat(api.post("/api/v1/reminders/" + id + "/complete", null)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("done");
        assertThat(api.post("/api/v1/reminders/" + id + "/complete", null).status())
                .isEqualTo(200);
        var conflict = api.post("/api/v1/reminders/" + id + "/dismiss", null);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aDismissedReminderStaysDismissed() {
        String id = create("Read the report", "2026-03-11");
        assertThat(api.post("/api/v1/reminders/" + id + "/dismiss", null)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("dismissed");
        assertThat(api.post("/api/v1/reminders/" + id + "/complete", null).status())
                .isEqualTo(409);
        assertThat(api.post("/api/v1/reminders/" + id + "/snooze", Map.of("until", "2026-03-20"))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void anotherMembersReminderIsNotFoundWhateverIsAskedOfIt() {
        String id = create("Private", "2026-03-11");
        ApiClient other = ApiClient.asMember(port, "other-" + UUID.randomUUID());
        assertThat(other.get("/api/v1/reminders/" + id).status()).isEqualTo(404);
        assertThat(other.post("/api/v1/reminders/" + id + "/complete", null).status())
                .isEqualTo(404);
        assertThat(other.post("/api/v1/reminders/" + id + "/dismiss", null).status())
                .isEqualTo(404);
        assertThat(other.get("/api/v1/reminders").json().get("total").asInt()).isZero();
        assertThat(api.get("/api/v1/reminders/" + id).json().get("status").asString())
                .isEqualTo("open");
    }

    @Test
    void listsFilterByKindDueDateAndContactAndPageByDueDateWithoutSkippingOrRepeating() {
        for (int day = 10; day <= 16; day++) {
            create("Task " + day, "2026-03-" + day);
        }
        api.post("/api/v1/reminders", Map.of("title", "About Ana", "dueOn", "2026-03-20", "contactId", "ana"));

        assertThat(api.get("/api/v1/reminders?contactId=ana")
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(1);
        assertThat(api.get("/api/v1/reminders?dueBefore=2026-03-12")
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(2);
        assertThat(api.get("/api/v1/reminders?kind=manual&status=open")
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(8);
        assertThat(api.get("/api/v1/reminders?kind=reach-out")
                        .json()
                        .get("total")
                        .asInt())
                .isZero();

        List<String> titles = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/v1/reminders?limit=3" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            assertThat(page.get("total").asInt()).isEqualTo(titles.isEmpty() ? 8 : 9);
            page.get("items").forEach(item -> titles.add(item.get("title").asString()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
            if (titles.size() == 3) {
                // A reminder added in between, due later, shows up on a later page; nothing is skipped.
                create("Added meanwhile", "2026-03-30");
            }
        } while (cursor != null);
        assertThat(titles)
                .containsExactly(
                        "Task 10",
                        "Task 11",
                        "Task 12",
                        "Task 13",
                        "Task 14",
                        "Task 15",
                        "Task 16",
                        "About Ana",
                        "Added meanwhile");
    }

    private String create(String title, String dueOn) {
        var created = api.post("/api/v1/reminders", Map.of("title", title, "dueOn", dueOn));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.json().get("id").asString();
    }
}

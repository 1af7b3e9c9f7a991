package dev.rapport.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.testkit.ApiClient;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ContentIntegrationTest
class ContentItemsIT {

    @LocalServerPort
    int port;

    String member;
    ApiClient api;

    @BeforeEach
    void member() {
        member = "member-" + UUID.randomUUID();
        api = ApiClient.asMember(port, member);
        api.put(
                "/api/v1/content/plan",
                Map.of(
                        "pillars",
                        List.of("Data strategy", "Hiring data teams"),
                        "cadences",
                        List.of(Map.of("channel", "linkedin-post", "perPeriod", 1, "period", "week")),
                        "timeZone",
                        "Europe/Madrid",
                        "postingSlots",
                        List.of(Map.of("day", "tuesday", "time", "09:00"))));
    }

    @Test
    void anItemGoesFromIdeaToPublishedAndEachStepIsAnEvent() {
        try (ContentEvents events = new ContentEvents(member)) {
            var created = api.post(
                    "/api/v1/content/items",
                    Map.of(
                            "title", "Five questions before hiring a data engineer",
                            "channel", "linkedin-post",
                            "format", "tips",
                            "pillars", List.of("hiring data teams"),
                            "topics", List.of("Hiring", "Data Engineering")));
            assertThat(created.status()).isEqualTo(201);
            String id = created.json().get("id").asString();
            assertThat(created.json().get("status").asString()).isEqualTo("idea");
            assertThat(created.json().get("pillars").get(0).asString()).isEqualTo("Hiring data teams");
            events.await("ContentPlanned", e -> e.get("itemId").asString().equals(id));

            assertThat(api.patch("/api/v1/content/items/" + id, Map.of("status", "draft"))
                            .json()
                            .get("status")
                            .asString())
                    .isEqualTo("draft");
            Instant slot = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
            var scheduled =
                    api.post("/api/v1/content/items/" + id + "/schedule", Map.of("scheduledFor", slot.toString()));
            assertThat(scheduled.json().get("status").asString()).isEqualTo("scheduled");
            JsonNode scheduledEvent = events.await(
                    "ContentScheduled", e -> e.get("itemId").asString().equals(id));
            assertThat(Instant.parse(scheduledEvent.get("scheduledFor").asString()))
                    .isEqualTo(slot);

            var published = api.post(
                    "/api/v1/content/items/" + id + "/publish", Map.of("url", "https://www.linkedin.com/posts/1"));
            assertThat(published.status()).isEqualTo(200);
            assertThat(published.json().get("status").asString()).isEqualTo("published");
            JsonNode publishedEvent = events.await(
                    "ContentPublished", e -> e.get("itemId").asString().equals(id));
            assertThat(List.of(
                            publishedEvent.get("topics").get(0).asString(),
                            publishedEvent.get("topics").get(1).asString()))
                    .containsExactly("hiring", "data engineering");
            assertThat(publishedEvent.get("url").asString()).isEqualTo("https://www.linkedin.com/posts/1");
            assertThat(publishedEvent.get("format").asString()).isEqualTo("tips");
            assertThat(publishedEvent.get("pillars").get(0).asString()).isEqualTo("Hiring data teams");
        }
    }

    @Test
    void invalidMovesAnswer409WithTheReasonAndChangeNothing() {
        String id = create("An idea", Map.of());

        var publishIdea = api.post("/api/v1/content/items/" + id + "/publish", null);
        assertThat(publishIdea.status()).isEqualTo(409);
        assertThat(publishIdea.contentType()).startsWith("application/problem+json");
        assertThat(publishIdea.json().get("detail").asString())
                .isEqualTo("cannot move from idea to published: an idea must become a draft before it is published");

        api.patch("/api/v1/content/items/" + id, Map.of("status", "draft"));
        api.post("/api/v1/content/items/" + id + "/publish", null);
        var again = api.post("/api/v1/content/items/" + id + "/publish", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains("already published");
        var backToDraft = api.patch("/api/v1/content/items/" + id, Map.of("status", "draft"));
        assertThat(backToDraft.status()).isEqualTo(409);
        assertThat(backToDraft.json().get("detail").asString()).contains("can only be archived");

        assertThat(api.patch("/api/v1/content/items/" + id, Map.of("status", "archived"))
                        .status())
                .isEqualTo(200);
        assertThat(api.patch("/api/v1/content/items/" + id, Map.of("title", "Revived"))
                        .status())
                .isEqualTo(409);
        assertThat(api.get("/api/v1/content/items/" + id).json().get("title").asString())
                .isEqualTo("An idea");
    }

    @Test
    void badInputIsRefusedWithItsFieldsAndCreatesNothing() {
        var bad = api.post(
                "/api/v1/content/items",
                Map.of(
                        "title", "",
                        "channel", "LinkedIn",
                        "format", "essay",
                        "status", "scheduled",
                        "url", "ftp://example.org/x"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").findValuesAsString("field")).contains("title", "channel", "format");

        var notAPillar = api.post(
                "/api/v1/content/items",
                Map.of("title", "T", "channel", "blog", "format", "article", "pillars", List.of("Cooking")));
        assertThat(notAPillar.status()).isEqualTo(400);
        assertThat(notAPillar.json().get("errors").get(0).get("field").asString())
                .isEqualTo("pillars[0]");

        var past = api.post(
                "/api/v1/content/items",
                Map.of(
                        "title", "T",
                        "channel", "blog",
                        "format", "article",
                        "status", "scheduled",
                        "scheduledFor", "2020-01-01T09:00:00Z"));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().get("errors").get(0).get("field").asString()).isEqualTo("scheduledFor");

        assertThat(api.get("/api/v1/content/items").json().get("total").asLong())
                .isZero();
    }

    @Test
    void anotherMembersItemIsNotFound() {
        String id = create("Mine", Map.of());
        ApiClient other = ApiClient.asMember(port, "other-" + UUID.randomUUID());

        assertThat(other.get("/api/v1/content/items/" + id).status()).isEqualTo(404);
        assertThat(other.patch("/api/v1/content/items/" + id, Map.of("status", "draft"))
                        .status())
                .isEqualTo(404);
        assertThat(other.post("/api/v1/content/items/" + id + "/publish", null).status())
                .isEqualTo(404);
        assertThat(other.get("/api/v1/content/items").json().get("total").asLong())
                .isZero();
        assertThat(api.get("/api/v1/content/items/" + id).json().get("status").asString())
                .isEqualTo("idea");
    }

    @Test
    void aChangeFromAStaleReadIsRefusedWith412() {
        String id = create("Versioned", Map.of());
        String etag = api.get("/api/v1/content/items/" + id).header("ETag");
        assertThat(api.header("If-Match", etag)
                        .patch("/api/v1/content/items/" + id, Map.of("title", "First"))
                        .status())
                .isEqualTo(200);

        var stale = api.header("If-Match", etag).patch("/api/v1/content/items/" + id, Map.of("title", "Second"));

        assertThat(stale.status()).isEqualTo(412);
        assertThat(api.get("/api/v1/content/items/" + id).json().get("title").asString())
                .isEqualTo("First");
    }

    @Test
    void theQueuePutsDraftsInTheNextFreeWeeklySlotsAndTheCalendarShowsThem() {
        String first = create("First draft", Map.of("status", "draft"));
        String second = create("Second draft", Map.of("status", "draft"));

        var one = api.post("/api/v1/content/items/" + first + "/schedule", null);
        var two = api.post("/api/v1/content/items/" + second + "/schedule", null);

        ZonedDateTime firstSlot = ZonedDateTime.parse(
                        one.json().get("scheduledFor").asString())
                .withZoneSameInstant(ZoneId.of("Europe/Madrid"));
        ZonedDateTime secondSlot = ZonedDateTime.parse(
                        two.json().get("scheduledFor").asString())
                .withZoneSameInstant(ZoneId.of("Europe/Madrid"));
        assertThat(firstSlot.getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
        assertThat(firstSlot.toLocalTime()).hasToString("09:00");
        // One a week: the second draft goes to the following week's slot, not to a second slot the same week.
        assertThat(secondSlot).isEqualTo(firstSlot.plusWeeks(1));

        LocalDate from = firstSlot.toLocalDate().minusDays(1);
        var calendar = api.get("/api/v1/content/calendar?from=" + from + "&to=" + from.plusDays(14))
                .json();
        assertThat(calendar.get("entries").findValuesAsString("itemId")).containsExactly(first, second);
        assertThat(calendar.get("timeZone").asString()).isEqualTo("Europe/Madrid");

        var next = api.get("/api/v1/content/calendar/next-slots?channel=linkedin-post&count=1")
                .json();
        assertThat(ZonedDateTime.parse(next.get(0).get("slots").get(0).asString())
                        .toInstant())
                .isEqualTo(secondSlot.plusWeeks(1).toInstant());

        assertThat(api.get("/api/v1/content/calendar?from=2026-01-10&to=2026-01-01")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void theQueueSaysSoWhenTheChannelHasNoPostingSlot() {
        api.put("/api/v1/content/plan", Map.of("timeZone", "Europe/Madrid"));
        String id = create("Draft", Map.of("status", "draft"));

        var answer = api.post("/api/v1/content/items/" + id + "/schedule", null);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().get("detail").asString()).contains("no posting slot for channel linkedin-post");
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyCreatesOneItem() {
        ApiClient withKey = api.header("Idempotency-Key", "create-" + UUID.randomUUID());
        var body = Map.of("title", "Once", "channel", "linkedin-post", "format", "post");

        var first = withKey.post("/api/v1/content/items", body);
        var retry = withKey.post("/api/v1/content/items", body);

        assertThat(retry.json().get("id").asString())
                .isEqualTo(first.json().get("id").asString());
        assertThat(api.get("/api/v1/content/items").json().get("total").asLong())
                .isEqualTo(1);
    }

    private String create(String title, Map<String, Object> extra) {
        var body = new java.util.HashMap<String, Object>(
                Map.of("title", title, "channel", "linkedin-post", "format", "post"));
        body.putAll(extra);
        var created = api.post("/api/v1/content/items", body);
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asString();
    }
}

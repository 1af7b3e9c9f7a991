package dev.rapport.reminders.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.reminders.support.AsNewMember;
import dev.rapport.reminders.support.RemindersIntegrationTest;
import dev.rapport.testkit.ApiClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

@RemindersIntegrationTest
class NotificationSettingsIT extends AsNewMember {

    static final String PATH = "/api/v1/me/notification-settings";

    @Test
    void aNewMemberStartsSmallWithTheDefaults() {
        var settings = api.get(PATH);
        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.json().get("dailyCap").asInt()).isEqualTo(5);
        assertThat(settings.json().get("minGapDays").asInt()).isEqualTo(14);
        assertThat(settings.json().get("digestTime").asString()).isEqualTo("08:00");
        assertThat(settings.json().get("locale").asString()).isEqualTo("en");
        assertThat(settings.header("ETag")).isEqualTo("\"0\"");
    }

    @Test
    void settingsAreReplacedAndTheWebhookSecretIsShownOnlyWhenItIsMade() {
        var saved = api.put(
                PATH,
                Map.of(
                        "locale",
                        "es",
                        "timeZone",
                        "Europe/Madrid",
                        "dailyCap",
                        3,
                        "minGapDays",
                        21,
                        "digestTime",
                        "07:30",
                        "quietHours",
                        Map.of("start", "22:00", "end", "07:00"),
                        "webhook",
                        Map.of("url", "https://hooks.example.com/rapport")));
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
        assertThat(saved.json().get("webhook").get("secret").asString()).startsWith("whsec_");
        // 07:30 in Madrid on 10 March is 06:30 UTC, after the test clock's 06:00.
        assertThat(saved.json().get("nextDigestAt").asString()).isEqualTo("2026-03-10T06:30:00Z");

        var read = api.get(PATH);
        assertThat(read.json().get("dailyCap").asInt()).isEqualTo(3);
        assertThat(read.json().get("quietHours").get("start").asString()).isEqualTo("22:00");
        assertThat(read.json().get("webhook").get("url").asString()).isEqualTo("https://hooks.example.com/rapport");
        assertThat(read.json().get("webhook").has("secret")).isFalse();

        var rotated = api.put(
                PATH, Map.of("webhook", Map.of("url", "https://hooks.example.com/rapport", "rotateSecret", true)));
        assertThat(rotated.json().get("webhook").get("secret").asString())
                .startsWith("whsec_")
                .isNotEqualTo(saved.json().get("webhook").get("secret").asString());
    }

    @Test
    void aStaleIfMatchIsRefusedAndTheCurrentOneAccepted() {
        String first = api.get(PATH).header("ETag");
        var saved = api.header("If-Match", first).put(PATH, Map.of("dailyCap", 4));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.header("ETag")).isNotEqualTo(first);

        var stale = api.header("If-Match", first).put(PATH, Map.of("dailyCap", 7));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(api.get(PATH).json().get("dailyCap").asInt()).isEqualTo(4);
        assertThat(api.header("If-Match", saved.header("ETag"))
                        .put(PATH, Map.of("dailyCap", 7))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void invalidSettingsAreRefusedFieldByFieldAndChangeNothing() {
        assertThat(field(api.put(PATH, Map.of("timeZone", "Mars/Olympus")))).isEqualTo("timeZone");
        assertThat(field(api.put(PATH, Map.of("locale", "fr")))).isEqualTo("locale");
        assertThat(field(api.put(PATH, Map.of("dailyCap", 0)))).isEqualTo("dailyCap");
        assertThat(field(api.put(PATH, Map.of("digestTime", "25:00")))).isEqualTo("digestTime");
        assertThat(field(api.put(PATH, Map.of("quietHours", Map.of("start", "22:00")))))
                .isEqualTo("quietHours.end");
        assertThat(field(api.put(PATH, Map.of("webhook", Map.of("url", "ftp://example.com/x")))))
                .isEqualTo("webhook.url");
        assertThat(api.get(PATH).header("ETag")).isEqualTo("\"0\"");
    }

    private static String field(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(400);
        return answer.json().get("errors").get(0).get("field").asString();
    }
}

package dev.rapport.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rapport.client.contacts.api.ContactsApi;
import dev.rapport.client.contacts.api.InteractionsApi;
import dev.rapport.client.contacts.model.ContactRequest;
import dev.rapport.client.contacts.model.InteractionRequest;
import dev.rapport.client.contacts.model.PromiseRequest;
import dev.rapport.client.reminders.api.RemindersApi;
import dev.rapport.client.reminders.api.WebhooksApi;
import dev.rapport.client.reminders.model.Create;
import dev.rapport.client.reminders.model.ReminderView;
import dev.rapport.client.reminders.model.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A member's journey through the gateway with the Java client generated from the published OpenAPI documents
 * (docs/openapi/, openapi-generator in this module's build), no hand-written HTTP: a contact, an interaction with a
 * promise, its follow-up, and the follow-up's ReminderCreated delivered to a webhook subscription.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedClientJourneyIT {

    private static final Duration ASYNC = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String member = "client-" + UUID.randomUUID().toString().substring(0, 8);
    private RunningPlatform platform;
    private WireMockServer receiver;
    private String token;

    @BeforeAll
    void startPlatformAndReceiver() throws Exception {
        receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
        Path varDir = Files.createTempDirectory(Path.of("target"), "client-var-");
        platform = LocalPlatform.start(new PlatformOptions(
                PlatformOptions.findRepoRoot(),
                varDir,
                TestPorts.freeOffset(),
                true,
                PlatformOptions.DEFAULT_STARTUP_TIMEOUT));
        token = TokenCommand.run(new String[] {member}, varDir);
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
        if (receiver != null) {
            receiver.stop();
        }
    }

    @Test
    void aMembersJourneyEndsWithTheFollowUpsReminderCreatedOnTheirWebhook() throws Exception {
        var contacts = new dev.rapport.client.contacts.ApiClient();
        contacts.updateBaseUri(gateway());
        contacts.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        var reminders = new dev.rapport.client.reminders.ApiClient();
        reminders.updateBaseUri(gateway());
        reminders.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        String path = "/hooks/" + member;
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));

        Subscription subscription = new WebhooksApi(reminders)
                .createWebhook(
                        new Create()
                                .url(receiver.baseUrl() + path)
                                .types(List.of("rapport.reminders.ReminderCreated.v1"))
                                .description("the journey's receiver"),
                        UUID.randomUUID().toString());
        assertThat(subscription.getSecret()).startsWith("whsec_");

        Map<?, ?> contact = (Map<?, ?>) new ContactsApi(contacts)
                .addContact(
                        new ContactRequest()
                                .firstName("Inés")
                                .lastName("Ortega")
                                .tier(ContactRequest.TierEnum.INNER),
                        UUID.randomUUID().toString());
        String contactId = (String) contact.get("id");

        LocalDate due = LocalDate.now(ZoneOffset.UTC).plusDays(7);
        new InteractionsApi(contacts)
                .logInteraction(
                        new InteractionRequest()
                                .contactIds(List.of(contactId))
                                .type("coffee")
                                .direction("mutual")
                                .occurredAt(OffsetDateTime.now(ZoneOffset.UTC)
                                        .minusDays(1)
                                        .truncatedTo(ChronoUnit.SECONDS))
                                .summary("Coffee at the alumni day")
                                .promises(List.of(new PromiseRequest()
                                        .owedBy("me")
                                        .what("send the article")
                                        .dueOn(due))),
                        UUID.randomUUID().toString());

        ReminderView followUp = await().atMost(ASYNC)
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> new RemindersApi(reminders)
                                .listReminder("open", "follow-up", null, contactId, null, 50)
                                .getItems(),
                        items -> items != null && !items.isEmpty())
                .getFirst();
        assertThat(followUp.getDueOn()).isEqualTo(due);

        LoggedRequest delivered = await().atMost(ASYNC)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))), sent -> !sent.isEmpty())
                .getFirst();
        JsonNode event = JSON.readTree(delivered.getBodyAsString());
        assertThat(event.path("type").asText()).isEqualTo("rapport.reminders.ReminderCreated.v1");
        assertThat(event.path("data").path("reminderId").asText()).isEqualTo(followUp.getId());
        assertThat(event.path("data").path("contactId").asText()).isEqualTo(contactId);
        assertThat(delivered.getHeader("webhook-signature"))
                .isEqualTo(signature(
                        subscription.getSecret(),
                        delivered.getHeader("webhook-id"),
                        delivered.getHeader("webhook-timestamp"),
                        delivered.getBodyAsString()));
    }

    private String gateway() {
        return platform.gatewayUrl().toString().replaceAll("/+$", "");
    }

    /** Standard Webhooks: base64 HMAC-SHA256 with the secret's bytes over id.timestamp.body. */
    private static String signature(String secret, String id, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1,"
                + Base64.getEncoder()
                        .encodeToString(
                                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }
}

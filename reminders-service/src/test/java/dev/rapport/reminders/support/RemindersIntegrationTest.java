package dev.rapport.reminders.support;

import dev.rapport.testkit.RapportIntegrationTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * An integration test of reminders-service on the real Kafka broker and MongoDB server, with a clock the
 * test sets (before the real date, so the gateway-signed identities of the tests stay valid), the
 * schedulers parked (tests run their steps themselves), short delivery timeouts and backoffs, and the outbound
 * guard letting webhooks reach receivers on loopback.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@RapportIntegrationTest
@Import(RemindersIntegrationTest.TestClock.class)
@TestPropertySource(
        properties = {
            "rapport.reminders.routines.initial-delay=PT1H",
            "rapport.reminders.snooze-wake-interval=PT1H",
            "rapport.reminders.delivery.initial-delay=PT1H",
            "rapport.reminders.delivery.connect-timeout=PT1S",
            "rapport.reminders.delivery.timeout=PT1S",
            "rapport.reminders.delivery.initial-backoff=PT1M",
            "rapport.reminders.delivery.max-backoff=PT8M",
            "rapport.reminders.delivery.jitter=0",
            "rapport.reminders.delivery.max-attempts=4",
            "rapport.reminders.delivery.circuit-threshold=3",
            "rapport.reminders.delivery.circuit-open-for=PT30M",
            "rapport.reminders.public-base-url=https://rapport.example.org",
            // Webhook subscriptions: the tests run the sweep themselves, with waits they can compute.
            "rapport.reminders.webhooks.initial-delay=PT1H",
            "rapport.reminders.webhooks.jitter=0",
            // The tests' webhook receivers (WireMock) listen on loopback.
            "rapport.outbound.allow-private=true"
        })
public @interface RemindersIntegrationTest {

    /** 10 March 2026, 06:00 UTC: 07:00 in Madrid, a Tuesday. */
    Instant START = Instant.parse("2026-03-10T06:00:00Z");

    /** The clock every bean of the test context uses. */
    @TestConfiguration
    class TestClock {
        @Bean
        Clock clock() {
            return new MutableClock(START);
        }
    }
}

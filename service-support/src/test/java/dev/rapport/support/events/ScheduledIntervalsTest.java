package dev.rapport.support.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.rapport.contracts.events.EventCatalog.Area;
import dev.rapport.support.RapportProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import tools.jackson.databind.json.JsonMapper;

/** The relay's sweep and the inbox's purge run at the intervals of the typed settings, not at copies of them. */
class ScheduledIntervalsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Scheduling {}

    private static Map<String, Duration> intervals(RapportProperties settings) {
        Clock clock = Clock.systemUTC();
        MongoTemplate mongo = mock(MongoTemplate.class);
        var context = new ApplicationContextRunner()
                .withUserConfiguration(Scheduling.class)
                // Made in code, with no property behind it: only a schedule that reads the record sees these values.
                .withBean(RapportProperties.BEAN, RapportProperties.class, () -> settings)
                .withBean(
                        OutboxRelay.class,
                        () -> new OutboxRelay(mongo, mock(EventPublisher.class), settings, clock, Runnable::run))
                .withBean(
                        EventInbox.class,
                        () -> new EventInbox(
                                mongo, JsonMapper.builder().build(), clock, new SimpleMeterRegistry(), settings));
        @SuppressWarnings("unchecked")
        Map<String, Duration>[] found = new Map[1];
        context.run(app -> found[0] = app.getBean(ScheduledTaskHolder.class).getScheduledTasks().stream()
                .map(scheduled -> scheduled.getTask())
                .filter(FixedDelayTask.class::isInstance)
                .map(FixedDelayTask.class::cast)
                .collect(Collectors.toMap(
                        // The method's qualified name (Spring wraps the ScheduledMethodRunnable, which names it).
                        task -> task.getRunnable().toString().replaceAll(".*\\.(\\w+\\.\\w+)$", "$1"),
                        FixedDelayTask::getIntervalDuration)));
        return found[0];
    }

    private static RapportProperties settings(RapportProperties.Outbox outbox, RapportProperties.Inbox inbox) {
        return new RapportProperties(Area.CONTACTS, "x".repeat(32), outbox, inbox, null);
    }

    @Test
    void nonDefaultValuesChangeTheSchedules() {
        Map<String, Duration> intervals = intervals(settings(
                new RapportProperties.Outbox(Duration.ofMinutes(7), null, 0, 0, null, null),
                new RapportProperties.Inbox(null, Duration.ofMinutes(13))));
        assertThat(intervals)
                .containsEntry("OutboxRelay.sweep", Duration.ofMinutes(7))
                .containsEntry("EventInbox.purgeExpired", Duration.ofMinutes(13));
    }

    @Test
    void theDefaultsAreTheRecordsOwn() {
        RapportProperties defaults = settings(null, null);
        assertThat(intervals(defaults))
                .containsEntry("OutboxRelay.sweep", defaults.outbox().sweepInterval())
                .containsEntry("EventInbox.purgeExpired", Duration.ofHours(1));
    }
}

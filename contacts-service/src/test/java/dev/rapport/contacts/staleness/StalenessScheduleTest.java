package dev.rapport.contacts.staleness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.rapport.contacts.ContactsProperties;
import dev.rapport.contacts.contacts.ContactStaleness;
import dev.rapport.contacts.groups.GroupService;
import dev.rapport.contacts.interactions.InteractionService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/** The keep-in-touch sweep runs at the interval of the typed settings, not at a copy of its default. */
class StalenessScheduleTest {

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Scheduling {}

    private static List<Duration> sweepIntervals(ContactsProperties settings) {
        var context = new ApplicationContextRunner()
                .withUserConfiguration(Scheduling.class)
                // Made in code, with no property behind it: only a schedule that reads the record sees its values.
                .withBean(ContactsProperties.BEAN, ContactsProperties.class, () -> settings)
                .withBean(
                        StalenessSweep.class,
                        () -> new StalenessSweep(
                                mock(InteractionService.class),
                                mock(ContactStaleness.class),
                                mock(GroupService.class),
                                Clock.systemUTC()));
        @SuppressWarnings("unchecked")
        List<Duration>[] found = new List[1];
        context.run(app -> found[0] = app.getBean(ScheduledTaskHolder.class).getScheduledTasks().stream()
                .map(scheduled -> scheduled.getTask())
                .filter(FixedDelayTask.class::isInstance)
                .map(task -> ((FixedDelayTask) task).getIntervalDuration())
                .toList());
        return found[0];
    }

    @Test
    void aNonDefaultIntervalChangesTheSchedule() {
        var settings =
                new ContactsProperties(new ContactsProperties.Staleness(Duration.ofMinutes(9), 0), null, null, null);
        assertThat(sweepIntervals(settings)).containsExactly(Duration.ofMinutes(9));
    }

    @Test
    void theDefaultIsTheRecordsOwn() {
        var settings = new ContactsProperties(null, null, null, null);
        assertThat(sweepIntervals(settings))
                .containsExactly(settings.staleness().sweepInterval());
    }
}

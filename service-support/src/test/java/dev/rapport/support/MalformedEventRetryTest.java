package dev.rapport.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.support.events.MalformedEventException;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.binder.ConsumerProperties;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;

class MalformedEventRetryTest {

    @Test
    void theInboxNeverRetriesAnUnreadableRecordAndKeepsTheOtherRetryRules() throws Exception {
        BindingServiceProperties bindings = new BindingServiceProperties();
        BindingProperties inbox = new BindingProperties();
        ConsumerProperties consumer = new ConsumerProperties();
        consumer.setMaxAttempts(3);
        consumer.getRetryableExceptions().put(IllegalStateException.class, true);
        inbox.setConsumer(consumer);
        bindings.getBindings().put("inbox-in-0", inbox);

        RapportServiceAutoConfiguration.malformedEventsAreNotRetried()
                .postProcessAfterInitialization(bindings, "bindingServiceProperties");

        assertThat(bindings.getBindingProperties("inbox-in-0").getConsumer().getRetryableExceptions())
                .containsEntry(MalformedEventException.class, false)
                .containsEntry(IllegalStateException.class, true);
        assertThat(bindings.getBindingProperties("inbox-in-0").getConsumer().getMaxAttempts())
                .isEqualTo(3);
    }
}

package dev.rapport.support.deadletters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every dead-letter topic of a service, one per consumer group that has one: the service's {@code inbox} first (the
 * default), then any other consumer function with a dead-letter topic (reminders-service's webhook fan-out). The
 * operators' API, the open-count gauge and the alerts cover them all.
 */
public final class DeadLetterTopics implements AutoCloseable {

    private final Map<String, DeadLetters> byTopic = new LinkedHashMap<>();

    public DeadLetterTopics(List<DeadLetters> topics) {
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("a service with dead letters has at least one dead-letter topic");
        }
        topics.forEach(deadLetters -> byTopic.put(deadLetters.topic(), deadLetters));
    }

    /** The dead letters of {@code topic}, or of the inbox's topic when it is null. */
    public DeadLetters of(@Nullable String topic) {
        if (topic == null || topic.isBlank()) {
            return byTopic.values().iterator().next();
        }
        DeadLetters found = byTopic.get(topic);
        if (found == null) {
            throw new IllegalArgumentException(
                    "topic must be one of this service's dead-letter topics: " + String.join(", ", names()));
        }
        return found;
    }

    /** The topics' names, the inbox's first. */
    public List<String> names() {
        return List.copyOf(byTopic.keySet());
    }

    /** Refreshes every topic's open count behind its gauge. */
    @Scheduled(fixedDelayString = "${rapport.dead-letters.refresh:PT15S}", initialDelayString = "PT5S")
    public void refresh() {
        byTopic.values().forEach(DeadLetters::refresh);
    }

    @Override
    public void close() {
        byTopic.values().forEach(DeadLetters::close);
    }
}

package dev.rapport.support.events;

import java.nio.charset.StandardCharsets;
import org.springframework.messaging.Message;

/** Reads CloudEvents binary-mode attributes from Kafka headers, whichever form the header mapper gave them. */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    /** The Kafka protocol binding carries the data content type in {@code content-type}. */
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {}

    /** The header as a string, or null when absent. */
    public static String get(Message<?> message, String name) {
        Object value = message.getHeaders().get(name);
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }
}

package dev.rapport.reminders.support;

import dev.rapport.testkit.KafkaProbe;
import java.util.Map;
import java.util.UUID;

/** Publishes consumed events as contacts-service and content-service do: CloudEvents in Kafka binary mode. */
public final class Events {

    private Events() {}

    /** Sends a contacts-service event whose JSON data has {@code %s} placeholders for eventId and memberId first. */
    public static String contacts(String type, String memberId, String jsonTemplate, Object... more) {
        return send("contacts", type, memberId, jsonTemplate, more);
    }

    /** Sends a content-service event (same template rules). */
    public static String content(String type, String memberId, String jsonTemplate, Object... more) {
        return send("content", type, memberId, jsonTemplate, more);
    }

    /** Sends the same data again under the same CloudEvent id (a redelivery). */
    public static void again(String area, String type, String memberId, String eventId, String data) {
        KafkaProbe.send(
                area + ".events",
                memberId,
                data,
                Map.of(
                        "ce_id",
                        eventId,
                        "ce_type",
                        "rapport." + area + "." + type + ".v1",
                        "ce_source",
                        "/rapport/" + area + "-service",
                        "ce_specversion",
                        "1.0",
                        "content-type",
                        "application/json",
                        "contentType",
                        "application/json"));
    }

    /** The data a template makes. */
    public static String data(String eventId, String memberId, String jsonTemplate, Object... more) {
        Object[] args = new Object[more.length + 2];
        args[0] = eventId;
        args[1] = memberId;
        System.arraycopy(more, 0, args, 2, more.length);
        return jsonTemplate.formatted(args);
    }

    private static String send(String area, String type, String memberId, String jsonTemplate, Object... more) {
        String eventId = UUID.randomUUID().toString();
        again(area, type, memberId, eventId, data(eventId, memberId, jsonTemplate, more));
        return eventId;
    }
}

package dev.rapport.support.events;

import java.util.Map;
import java.util.function.Function;

/**
 * Carries W3C trace context ({@code traceparent}, {@code tracestate}) across the asynchronous legs of an event:
 * from the change that records it (stored with its outbox entry), to the Kafka record the relay publishes later,
 * possibly from another thread or instance, and into the consumer that handles it, so that what the consumer
 * writes continues the same trace. Without a tracer ({@link #NONE}) nothing is stored, sent or continued.
 */
public interface EventTracing {

    /** The W3C header that carries the trace and parent span ids. */
    String TRACEPARENT = "traceparent";

    /** The W3C header that carries vendor-specific trace state. */
    String TRACESTATE = "tracestate";

    /** No tracing: nothing captured, nothing added, handling runs as it is. */
    EventTracing NONE = new EventTracing() {
        @Override
        public Map<String, String> current() {
            return Map.of();
        }

        @Override
        public Publication publishing(OutboxEntry entry) {
            return Publication.UNTRACED;
        }

        @Override
        public <T> T handling(String type, String eventId, Function<String, String> headers, Handler<T> handler) {
            return handler.handle();
        }
    };

    /** The trace context of the work in progress as W3C headers; empty when there is none. */
    Map<String, String> current();

    /**
     * Starts the producer span of an entry's publication, a child of the context stored with it; its headers go on
     * the Kafka record. An entry stored without a context is published without one.
     */
    Publication publishing(OutboxEntry entry);

    /**
     * Runs {@code handler} in a consumer span that continues the trace whose W3C headers {@code headers} reads (or
     * starts one), so that log lines carry its ids and the events the handler records carry its context onward.
     */
    <T> T handling(String type, String eventId, Function<String, String> headers, Handler<T> handler);

    /** Work done while handling an event. */
    @FunctionalInterface
    interface Handler<T> {
        T handle();
    }

    /** A publication in progress: its record headers, ended once the broker answered. */
    interface Publication {

        Publication UNTRACED = new Publication() {
            @Override
            public Map<String, String> headers() {
                return Map.of();
            }

            @Override
            public void end(Throwable error) {}
        };

        /** The trace headers to put on the Kafka record. */
        Map<String, String> headers();

        /** Ends the span; {@code error} is null when the broker acknowledged the record. */
        void end(Throwable error);
    }
}

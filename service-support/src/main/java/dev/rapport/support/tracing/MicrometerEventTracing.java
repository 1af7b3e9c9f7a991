package dev.rapport.support.tracing;

import dev.rapport.support.events.EventTracing;
import dev.rapport.support.events.OutboxEntry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** {@link EventTracing} with Micrometer Tracing (the OpenTelemetry bridge) and its W3C propagator. */
public class MicrometerEventTracing implements EventTracing {

    private final Tracer tracer;
    private final Propagator propagator;

    public MicrometerEventTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public Map<String, String> current() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        propagator.inject(span.context(), headers, Map::put);
        headers.keySet().retainAll(java.util.Set.of(TRACEPARENT, TRACESTATE));
        return headers;
    }

    @Override
    public Publication publishing(OutboxEntry entry) {
        if (entry.traceparent() == null) {
            return Publication.UNTRACED;
        }
        Map<String, String> stored = new LinkedHashMap<>();
        stored.put(TRACEPARENT, entry.traceparent());
        if (entry.tracestate() != null) {
            stored.put(TRACESTATE, entry.tracestate());
        }
        Span span = propagator
                .extract(stored, Map::get)
                .name("publish " + entry.type())
                .kind(Span.Kind.PRODUCER)
                .tag("messaging.system", "kafka")
                .tag("messaging.message.id", entry.eventId())
                .tag("cloudevents.event_type", entry.type())
                .start();
        Map<String, String> headers = new LinkedHashMap<>();
        propagator.inject(span.context(), headers, Map::put);
        headers.keySet().retainAll(java.util.Set.of(TRACEPARENT, TRACESTATE));
        return new Publication() {
            @Override
            public Map<String, String> headers() {
                return headers;
            }

            @Override
            public void end(Throwable error) {
                if (error != null) {
                    span.error(error);
                }
                span.end();
            }
        };
    }

    @Override
    public <T> T handling(String type, String eventId, Function<String, String> headers, Handler<T> handler) {
        Span span = propagator
                .extract(headers, Function::apply)
                .name("handle " + type)
                .kind(Span.Kind.CONSUMER)
                .tag("messaging.system", "kafka")
                .tag("messaging.message.id", eventId)
                .tag("cloudevents.event_type", type)
                .start();
        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            return handler.handle();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}

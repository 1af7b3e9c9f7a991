package dev.rapport.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.contracts.events.EventCatalog.Area;
import dev.rapport.contracts.events.EventHeader;
import dev.rapport.contracts.events.MemberDataErased;
import dev.rapport.support.RapportProperties;
import dev.rapport.support.events.EventTracing;
import dev.rapport.support.events.OutboxEntry;
import dev.rapport.support.events.OutboxEvents;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryEventPublisherBeansApplicationListener;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

/**
 * The trace of the change that records an event follows it through the outbox (stored with the entry), the Kafka
 * record (a producer span, child of it) and the consumer (a span continuing it, with its ids in the log context),
 * and on to what the consumer records in turn; with the tracer Spring Boot configures (OpenTelemetry bridge).
 */
class MicrometerEventTracingTest {

    /** As in a running service, where Spring Boot registers this listener: it puts the trace ids in the MDC. */
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(
                    app -> app.addApplicationListener(new OpenTelemetryEventPublisherBeansApplicationListener()))
            .withPropertyValues("management.tracing.sampling.probability=1.0")
            .withConfiguration(AutoConfigurations.of(
                    OpenTelemetrySdkAutoConfiguration.class,
                    OpenTelemetryTracingAutoConfiguration.class,
                    MicrometerTracingAutoConfiguration.class));

    private static final RapportProperties PROPERTIES =
            new RapportProperties(Area.CONTACTS, "a-test-secret-that-is-long-enough-1234", null, null, null);

    private static MemberDataErased event() {
        return new MemberDataErased(
                new EventHeader(UUID.randomUUID().toString(), Instant.now(), "m-1", "alumni"), "r-1", "contacts");
    }

    @Test
    void theTraceOfAChangeGoesWithItsEventsThroughKafkaIntoTheConsumerAndOnward() {
        context.run(app -> {
            Tracer tracer = app.getBean(Tracer.class);
            EventTracing tracing = new MicrometerEventTracing(tracer, app.getBean(Propagator.class));
            OutboxEvents events =
                    new OutboxEvents(PROPERTIES, JsonMapper.builder().build(), tracing);

            Span request = tracer.nextSpan().name("POST /api/v1/interactions").start();
            OutboxEntry entry;
            try (Tracer.SpanInScope ignored = tracer.withSpan(request)) {
                entry = events.entry(event());
            } finally {
                request.end();
            }
            String traceId = request.context().traceId();
            assertThat(entry.traceparent())
                    .isEqualTo("00-" + traceId + "-" + request.context().spanId() + "-01");

            // Published later, from a thread with no trace of its own: a producer span, child of the change.
            EventTracing.Publication publication = tracing.publishing(entry);
            String sent = publication.headers().get("traceparent");
            publication.end(null);
            assertThat(sent)
                    .startsWith("00-" + traceId + "-")
                    .doesNotContain(request.context().spanId());

            // The consumer continues that trace: log lines carry its ids, and what it records goes on in it.
            Map<String, String> record = Map.of("traceparent", sent);
            OutboxEntry reaction = tracing.handling("rapport.contacts.MemberDataErased.v1", "e-1", record::get, () -> {
                assertThat(MDC.get("traceId")).isEqualTo(traceId);
                assertThat(MDC.get("spanId")).isNotBlank();
                return events.entry(event());
            });
            assertThat(reaction.traceparent()).startsWith("00-" + traceId + "-");
            assertThat(MDC.get("traceId")).isNull();
        });
    }

    @Test
    void anUnsampledTraceIsCarriedOnAllTheSameSoThatItsIdsStillJoinTheLogLines() {
        context.withPropertyValues("management.tracing.sampling.probability=0.0")
                .run(app -> {
                    Tracer tracer = app.getBean(Tracer.class);
                    EventTracing tracing = new MicrometerEventTracing(tracer, app.getBean(Propagator.class));
                    OutboxEvents events =
                            new OutboxEvents(PROPERTIES, JsonMapper.builder().build(), tracing);

                    OutboxEntry reaction = tracing.handling(
                            "rapport.contacts.MemberDataErased.v1", "e-3", header -> null, () -> events.entry(event()));
                    assertThat(reaction.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
                    Map<String, String> sent = tracing.publishing(reaction).headers();
                    assertThat(sent.get("traceparent"))
                            .startsWith(reaction.traceparent().substring(0, 36));
                });
    }

    @Test
    void anEventRecordedOutsideAnyTraceIsPublishedWithoutOneAndItsConsumerStartsAFreshTrace() {
        context.run(app -> {
            Tracer tracer = app.getBean(Tracer.class);
            EventTracing tracing = new MicrometerEventTracing(tracer, app.getBean(Propagator.class));
            OutboxEntry entry =
                    new OutboxEvents(PROPERTIES, JsonMapper.builder().build(), tracing).entry(event());

            assertThat(entry.traceparent()).isNull();
            assertThat(tracing.publishing(entry).headers()).isEmpty();
            String traceId = tracing.handling(
                    "rapport.contacts.MemberDataErased.v1",
                    "e-2",
                    header -> null,
                    () -> tracer.currentSpan().context().traceId());
            assertThat(traceId).hasSize(32);
        });
    }
}

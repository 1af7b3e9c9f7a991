package dev.rapport.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.support.SharedDefaults;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** With the services' shared defaults, traces are recorded but not exported until the environment says so. */
class TraceExportSettingsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(SharedDefaults.added())
            .withPropertyValues("RAPPORT_IDENTITY_SECRET=unused")
            .withConfiguration(AutoConfigurations.of(
                    OpenTelemetrySdkAutoConfiguration.class,
                    OpenTelemetryTracingAutoConfiguration.class,
                    OtlpTracingAutoConfiguration.class,
                    MicrometerTracingAutoConfiguration.class));

    @Test
    void byDefaultNoSpanIsExportedAndOneInTenIsSampledButW3cContextStillPropagates() {
        context.run(app -> {
            assertThat(app).hasNotFailed();
            assertThat(app.getBeansOfType(SpanExporter.class)).isEmpty();
            assertThat(app.getBean(Sampler.class).getDescription()).contains("0.1");
            // Turning all export off (management.tracing.export.enabled=false) would also drop propagation.
            assertThat(app.getBean(Propagator.class).fields()).contains("traceparent");
        });
    }

    @Test
    void theEnvironmentSwitchesOtlpExportOnAndSetsTheEndpointAndTheSampling() {
        context.withPropertyValues(
                        "RAPPORT_TRACING_EXPORT_ENABLED=true",
                        "RAPPORT_OTLP_TRACES_ENDPOINT=http://otel-collector:4318/v1/traces",
                        "RAPPORT_TRACING_SAMPLING_PROBABILITY=1.0")
                .run(app -> {
                    assertThat(app).hasNotFailed();
                    assertThat(app.getBeansOfType(SpanExporter.class).values())
                            .singleElement()
                            .isInstanceOf(OtlpHttpSpanExporter.class)
                            .asString()
                            .contains("otel-collector:4318");
                    assertThat(app.getBean(Sampler.class).getDescription()).contains("1.0");
                });
    }
}

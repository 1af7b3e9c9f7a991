package dev.rapport.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcProperties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Streamed answers (exports) are asynchronous requests, which the servlet container ends after its own default (30 s
 * on Tomcat) unless Spring MVC is given a timeout: a 30,000-contact member's export waiting for a slot and streaming
 * took longer than that on a slow machine and was cut mid-way (docs/benchmarks.md, heavy reads). The services' shared
 * defaults give one well beyond the export queue's wait.
 */
class StreamedAnswerTimeoutTest {

    @Test
    void theServicesDefaultsLetAStreamedAnswerRunFarLongerThanTheContainersThirtySeconds() {
        new WebApplicationContextRunner()
                .withInitializer(app -> {
                    try {
                        app.getEnvironment()
                                .getPropertySources()
                                .addLast(new ResourcePropertySource(
                                        "defaults", new ClassPathResource("rapport-service-defaults.properties")));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .withConfiguration(AutoConfigurations.of(WebMvcAutoConfiguration.class))
                .run(app -> {
                    assertThat(app).hasNotFailed();
                    Duration timeout =
                            app.getBean(WebMvcProperties.class).getAsync().getRequestTimeout();
                    assertThat(timeout).isEqualTo(Duration.ofMinutes(30));
                    // The export queue waits up to 45 s by default (ExportSlots) before the answer even begins.
                    assertThat(timeout).isGreaterThan(Duration.ofSeconds(45).multipliedBy(10));
                });
    }
}

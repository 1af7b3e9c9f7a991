package dev.rapport.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.support.SharedDefaults;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcProperties;

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
                .withInitializer(SharedDefaults.added())
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

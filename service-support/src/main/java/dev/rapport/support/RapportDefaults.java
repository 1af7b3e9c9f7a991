package dev.rapport.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the settings every Rapport service shares (Kafka binder reliability, dead-letter topics,
 * actuator exposure, structured logs …) with the lowest precedence, so a service's own
 * application.yml or the environment can still override any of them.
 */
public class RapportDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "rapport-service-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment
                    .getPropertySources()
                    .addLast(new ResourcePropertySource("rapportServiceDefaults", new ClassPathResource(RESOURCE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

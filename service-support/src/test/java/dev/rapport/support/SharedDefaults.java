package dev.rapport.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/** For context runners: the services' shared defaults ({@link RapportDefaults}) with the lowest precedence. */
public final class SharedDefaults {

    private SharedDefaults() {}

    public static <C extends ConfigurableApplicationContext> ApplicationContextInitializer<C> added() {
        return app -> {
            try {
                app.getEnvironment()
                        .getPropertySources()
                        .addLast(new ResourcePropertySource(
                                "defaults", new ClassPathResource(RapportDefaults.RESOURCE)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}

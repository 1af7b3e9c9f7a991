package dev.rapport.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.support.SharedDefaults;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A consumed record is observed once, by {@code EventInbox}'s {@code handle <type>} span: the services' shared defaults
 * leave out Spring Cloud Function's observation of every function call, which repeated it (and ran for every record a
 * service ignores too).
 */
class ConsumedRecordObservationTest {

    private static final String FUNCTION_OBSERVATION =
            "org.springframework.cloud.function.observability.ObservationAutoConfiguration";

    @Test
    void theSharedDefaultsExcludeSpringCloudFunctionsObservationWhichSpringCloudFunctionStillRegisters()
            throws IOException {
        List<String> excluded;
        try (GenericApplicationContext app = new GenericApplicationContext()) {
            SharedDefaults.added().initialize(app);
            excluded = Arrays.stream(app.getEnvironment()
                            .getProperty("spring.autoconfigure.exclude", "")
                            .split(","))
                    .map(String::strip)
                    .toList();
        }
        assertThat(excluded).contains(FUNCTION_OBSERVATION);
        // Were it renamed or moved, the exclusion would silently stop applying: it must still be an auto-configuration.
        String all = String.join(
                "\n",
                getClass()
                        .getClassLoader()
                        .resources("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")
                        .map(url -> {
                            try (InputStream in = url.openStream()) {
                                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        })
                        .toList());
        assertThat(all.lines().map(String::strip)).contains(FUNCTION_OBSERVATION);
    }
}

package dev.rapport.testkit;

import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Points a test's application context at the shared test infrastructure, with a database of its
 * own and its own consumer group so that contexts cached side by side do not steal each other's
 * records.
 */
public class TestInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final boolean MONGO_BOOT = ClassUtils.isPresent(
            "org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer",
            TestInfrastructureInitializer.class.getClassLoader());

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (MONGO_BOOT) {
            QueryRecording.register(context);
        }
        TestInfrastructure.Endpoints endpoints = TestInfrastructure.endpoints();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String application = context.getEnvironment().getProperty("spring.application.name", "rapport");
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "rapportTestInfrastructure",
                        Map.of(
                                "spring.cloud.stream.kafka.binder.brokers",
                                endpoints.kafkaBrokers(),
                                "spring.mongodb.uri",
                                endpoints.mongoUri(),
                                "spring.mongodb.database",
                                "test-" + application + "-" + suffix,
                                "rapport.consumer-group",
                                application + "-test-" + suffix,
                                "rapport.identity-secret",
                                TestIdentity.SECRET,
                                // A test may set its own (e.g. to keep the sweep out of its way).
                                "rapport.outbox.sweep-interval",
                                context.getEnvironment().getProperty("rapport.outbox.sweep-interval", "PT1S"))));
    }
}

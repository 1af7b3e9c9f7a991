package dev.rapport.testkit;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;

/** Adds the {@link QueryRecorder} to the MongoDB client of a test's application context. */
final class QueryRecording {

    private static final QueryRecorder RECORDER = new QueryRecorder();

    private QueryRecording() {}

    static void register(ConfigurableApplicationContext context) {
        MongoClientSettingsBuilderCustomizer customizer = builder -> builder.addCommandListener(RECORDER);
        context.getBeanFactory().registerSingleton("rapportQueryRecorder", customizer);
    }
}

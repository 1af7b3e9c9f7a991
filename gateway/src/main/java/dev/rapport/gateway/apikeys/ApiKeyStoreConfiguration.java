package dev.rapport.gateway.apikeys;

import com.mongodb.MongoClientSettings;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** The gateway's MongoDB database ({@code rapport-gateway}): short timeouts and a readiness check. */
@Configuration(proxyBeanMethods = false)
class ApiKeyStoreConfiguration {

    /** Fail fast when MongoDB is down: an API-key request answers 503 within about a second, not after the
     * driver's 30. */
    @Bean
    MongoClientSettingsBuilderCustomizer gatewayMongoTimeouts() {
        return (MongoClientSettings.Builder builder) -> builder.applyToClusterSettings(
                        cluster -> cluster.serverSelectionTimeout(1, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(3, TimeUnit.SECONDS));
    }

    /**
     * MongoDB health by a {@code ping} on the gateway's database (in the readiness group): Boot's own indicator sends
     * {@code hello}, which the embedded MongoDB-wire server does not answer.
     */
    @Bean("mongoStoreHealthIndicator")
    ReactiveHealthIndicator mongoStoreHealthIndicator(ReactiveMongoTemplate mongo) {
        return () -> mongo.executeCommand(new Document("ping", 1))
                .then(mongo.getMongoDatabase())
                .map(database ->
                        Health.up().withDetail("database", database.getName()).build())
                .onErrorResume(failure -> reactor.core.publisher.Mono.just(
                        Health.down().withException(failure).build()));
    }
}

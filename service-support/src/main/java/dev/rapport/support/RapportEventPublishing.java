package dev.rapport.support;

import dev.rapport.support.events.EventPublisher;
import dev.rapport.support.events.EventTracing;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SimpleKafkaHeaderMapper;

/** The publishing side of a service's events: its topic, and the producer the outbox relay sends through. */
@Configuration(proxyBeanMethods = false)
class RapportEventPublishing {

    /**
     * The producer of this service's events: acks=all, idempotent (so a retried send neither duplicates nor
     * reorders), string keys (the member id), bounded blocking and delivery times (the outbox lease is longer).
     */
    private static DefaultKafkaProducerFactory<String, byte[]> eventProducerFactory(
            Environment environment, RapportProperties properties) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(environment));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        int delivery = (int) properties.outbox().sendTimeout().toMillis();
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(delivery, 10_000));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, properties.area().id() + "-outbox");
        return new DefaultKafkaProducerFactory<>(config);
    }

    /** This service's topic, created at start-up with the partitions events are spread over (keyed by member). */
    @Bean
    KafkaAdmin rapportKafkaAdmin(Environment environment) {
        KafkaAdmin admin = new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(environment)));
        admin.setFatalIfBrokerNotAvailable(false);
        return admin;
    }

    @Bean
    NewTopic rapportEventsTopic(Environment environment, RapportProperties properties) {
        return TopicBuilder.name(properties.area().topic())
                .partitions(environment.getProperty(
                        "spring.cloud.stream.kafka.binder.min-partition-count", Integer.class, 3))
                .replicas(environment.getProperty(
                        "spring.cloud.stream.kafka.binder.replication-factor", Integer.class, 1))
                .build();
    }

    static String brokers(Environment environment) {
        return environment.getProperty("spring.cloud.stream.kafka.binder.brokers", "127.0.0.1:9092");
    }

    /** Not a ProducerFactory bean: Boot's own Kafka template (which nothing here uses) would pick it up. */
    @Bean(destroyMethod = "close")
    EventPublisher eventPublisher(
            Environment environment,
            SimpleKafkaHeaderMapper rapportKafkaHeaderMapper,
            RapportProperties properties,
            MeterRegistry meters,
            EventTracing eventTracing) {
        EventPublisher publisher = new EventPublisher(
                new KafkaTemplate<>(eventProducerFactory(environment, properties)),
                rapportKafkaHeaderMapper,
                properties,
                properties.outbox().sendTimeout());
        publisher.bindMetrics(meters);
        publisher.useTracing(eventTracing);
        return publisher;
    }
}

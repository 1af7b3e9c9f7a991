package dev.rapport.support;

import com.mongodb.MongoClientSettings;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.deadletters.DeadLetterTopics;
import dev.rapport.support.deadletters.DeadLetters;
import dev.rapport.support.deadletters.DeadLettersEndpoint;
import dev.rapport.support.events.Aggregates;
import dev.rapport.support.events.CloudEventHeaders;
import dev.rapport.support.events.EventBytesConverter;
import dev.rapport.support.events.EventInbox;
import dev.rapport.support.events.EventPublisher;
import dev.rapport.support.events.EventTracing;
import dev.rapport.support.events.MalformedEventException;
import dev.rapport.support.events.OutboxEvents;
import dev.rapport.support.events.OutboxRelay;
import dev.rapport.support.events.SupportIndexes;
import dev.rapport.support.identity.CallerArgumentResolver;
import dev.rapport.support.identity.IdentityFilter;
import dev.rapport.support.mongo.DeclaredIndexes;
import dev.rapport.support.mongo.IndexCreator;
import dev.rapport.support.mongo.VersionedDocumentIndexes;
import dev.rapport.support.outbound.OutboundGuard;
import dev.rapport.support.outbound.OutboundProperties;
import dev.rapport.support.privacy.ExportSlots;
import dev.rapport.support.privacy.MemberDataPurge;
import dev.rapport.support.privacy.MemberErasure;
import dev.rapport.support.tracing.MicrometerEventTracing;
import dev.rapport.support.web.IdempotencyProperties;
import dev.rapport.support.web.IdempotentRequests;
import dev.rapport.support.web.ProblemHandlers;
import dev.rapport.support.web.RequestIdFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.Header;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.stream.binder.ConsumerProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.integration.kafka.inbound.KafkaMessageDrivenChannelAdapter;
import org.springframework.kafka.support.SimpleKafkaHeaderMapper;
import org.springframework.messaging.Message;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** Wires what every Rapport service shares: outbox, event inbox, identity, errors, request ids, outbound guard. */
@AutoConfiguration
@Import(RapportEventPublishing.class)
@EnableScheduling
@EnableConfigurationProperties({RapportProperties.class, OutboundProperties.class, IdempotencyProperties.class})
public class RapportServiceAutoConfiguration {

    static {
        // The caller comes from the verified identity header, never from request parameters.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(IdentityAssertion.class);
    }

    /** Operation ids named after their handlers, so that adding an operation renames no other (see the class). */
    @Bean
    dev.rapport.support.web.StableOperationIds stableOperationIds() {
        return new dev.rapport.support.web.StableOperationIds();
    }

    /** Every API operation's error answers, described in the service's OpenAPI document. */
    @Bean
    dev.rapport.support.web.ProblemResponses problemResponses() {
        return new dev.rapport.support.web.ProblemResponses();
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** CloudEvents attributes travel as raw UTF-8 header values, as the Kafka protocol binding requires. */
    @Bean
    SimpleKafkaHeaderMapper rapportKafkaHeaderMapper() {
        SimpleKafkaHeaderMapper mapper = new SimpleKafkaHeaderMapper();
        mapper.setMapAllStringsOut(true);
        // The binder's own contentType header must come back as a String, not bytes, or every record is refused.
        mapper.setRawMappedHeaders(java.util.Map.of("contentType", true));
        return mapper;
    }

    /**
     * A record that is not a readable CloudEvent reads the same every time: it goes straight to the dead-letter
     * topic, so that the records behind it wait milliseconds rather than the retries' seconds (./rapport faults,
     * poison records). Set on the bound properties: their property form cannot name a class.
     */
    @Bean
    static BeanPostProcessor malformedEventsAreNotRetried() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof BindingServiceProperties bindings) {
                    ConsumerProperties consumer =
                            bindings.getBindingProperties("inbox-in-0").getConsumer();
                    if (consumer != null) {
                        Map<Class<? extends Throwable>, Boolean> retryable =
                                new LinkedHashMap<>(consumer.getRetryableExceptions());
                        retryable.put(MalformedEventException.class, false);
                        consumer.setRetryableExceptions(retryable);
                    }
                }
                return bean;
            }
        };
    }

    /**
     * Fail fast when MongoDB is down so the API answers 503 within about a second, not after 30 (the fault suite
     * checks 2 s through the gateway, docs/reliability.md). The connect timeout stays the driver's 10 s: the driver
     * also waits that long for the answer to a heartbeat, and with 3 s a store that stalled for a few seconds (its
     * machine overloaded) was marked unknown and a read answered 503 (./rapport faults, the soak).
     */
    @Bean
    MongoClientSettingsBuilderCustomizer rapportMongoTimeouts() {
        return (MongoClientSettings.Builder builder) -> builder.applyToClusterSettings(
                        cluster -> cluster.serverSelectionTimeout(1, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(10, TimeUnit.SECONDS));
    }

    /**
     * MongoDB health by a {@code ping} on the service's database: Boot's own indicator sends
     * {@code hello}, which the embedded MongoDB-wire server does not answer.
     */
    @Bean("mongoStoreHealthIndicator")
    HealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return () -> {
            try {
                mongo.executeCommand("{ ping: 1 }");
                return Health.up()
                        .withDetail("database", mongo.getDb().getName())
                        .build();
            } catch (RuntimeException e) {
                return Health.down(e).build();
            }
        };
    }

    /**
     * Trace context across the outbox, Kafka and the consumers, with the Micrometer tracer (OpenTelemetry bridge)
     * when there is one; without it, nothing is captured or sent.
     */
    @Bean
    EventTracing eventTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer available = tracer.getIfUnique();
        Propagator w3c = propagator.getIfUnique();
        return available == null || w3c == null || available == Tracer.NOOP
                ? EventTracing.NONE
                : new MicrometerEventTracing(available, w3c);
    }

    @Bean
    OutboxEvents outboxEvents(RapportProperties properties, JsonMapper json, EventTracing eventTracing) {
        return new OutboxEvents(properties, json, eventTracing);
    }

    @Bean(destroyMethod = "close")
    java.util.concurrent.ExecutorService outboxRelayExecutor() {
        return Executors.newVirtualThreadPerTaskExecutor();
    }

    @Bean
    OutboxRelay outboxRelay(
            MongoTemplate mongo,
            EventPublisher publisher,
            RapportProperties properties,
            Clock clock,
            java.util.concurrent.ExecutorService outboxRelayExecutor,
            MeterRegistry meters) {
        OutboxRelay relay = new OutboxRelay(mongo, publisher, properties, clock, outboxRelayExecutor);
        relay.bindMetrics(meters);
        return relay;
    }

    /** The one write path of aggregates and their events. */
    @Bean
    Aggregates aggregates(MongoTemplate mongo, OutboxEvents events, OutboxRelay relay, Clock clock) {
        return new Aggregates(mongo, events, relay, clock);
    }

    /** Consumers of {@code Message<byte[]>} get the record's bytes without a JSON round (see the class). */
    @Bean
    EventBytesConverter eventBytesConverter() {
        return new EventBytesConverter();
    }

    /** The few member exports streamed at once (see the class). */
    @Bean
    ExportSlots exportSlots(Environment environment) {
        return new ExportSlots(
                environment.getProperty("rapport.exports.concurrency", Integer.class, 2),
                environment.getProperty("rapport.exports.queue-wait", Duration.class, Duration.ofSeconds(45)));
    }

    /** The shared collections' indexes (outbox markers and leases, processed events, idempotency keys). */
    @Bean
    SupportIndexes supportIndexes(RapportProperties properties) {
        return new SupportIndexes(properties);
    }

    /** The unique (_id, version) index of every versioned collection (see the class). */
    @Bean
    VersionedDocumentIndexes versionedDocumentIndexes(MongoTemplate mongo) {
        return new VersionedDocumentIndexes(mongo);
    }

    /** Creates every declared index at start-up, tolerant of a store that is down (it retries every minute). */
    @Bean
    IndexCreator indexCreator(MongoTemplate mongo, List<DeclaredIndexes> declarations) {
        return new IndexCreator(mongo, declarations);
    }

    @Bean
    EventInbox eventInbox(
            MongoTemplate mongo,
            JsonMapper json,
            Clock clock,
            MeterRegistry meters,
            RapportProperties properties,
            EventTracing eventTracing) {
        EventInbox inbox = new EventInbox(mongo, json, clock, meters, properties);
        inbox.useTracing(eventTracing);
        return inbox;
    }

    /**
     * The inbox's Kafka endpoint drops a record whose type the inbox does not act on ({@link EventInbox.Routed#skips})
     * before the binder turns it into a message and calls the function: each interaction posted is consumed by three
     * services that ignore it (contacts-service its own {@code InteractionLogged} and the {@code ReminderCreated} it
     * causes, content-service the former), and that conversion, not the inbox's check, was most of their consumer
     * threads' CPU (JFR). Only the inbox's binding (its consumer group) is filtered; its offsets still advance past
     * the dropped records.
     */
    @Bean
    @ConditionalOnBean(name = "inbox")
    ConsumerEndpointCustomizer<KafkaMessageDrivenChannelAdapter<?, ?>> inboxSkipsWhatItDoesNotActOn(
            Environment environment, BeanFactory beans) {
        String inboxGroup = environment.getProperty("spring.cloud.stream.bindings.inbox-in-0.group");
        return (adapter, destination, group) -> {
            if (inboxGroup == null
                    || !inboxGroup.equals(group)
                    || !(beans.getBean("inbox") instanceof EventInbox.Routed inbox)) {
                return;
            }
            @SuppressWarnings("unchecked")
            KafkaMessageDrivenChannelAdapter<Object, Object> records =
                    (KafkaMessageDrivenChannelAdapter<Object, Object>) adapter;
            records.setRecordFilterStrategy(record -> {
                Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
                return type != null && inbox.skips(new String(type.value(), StandardCharsets.UTF_8));
            });
        };
    }

    /**
     * The operators' view of this service's dead-letter topics (only in a service that consumes events): the inbox's,
     * then that of every other consumer function of {@code spring.cloud.function.definition} with a dead-letter topic,
     * replayed into that function.
     */
    @Bean
    @ConditionalOnBean(name = "inbox")
    DeadLetterTopics deadLetterTopics(
            Environment environment, MongoTemplate mongo, BeanFactory beans, Clock clock, MeterRegistry meters) {
        List<String> functions = new ArrayList<>(List.of("inbox"));
        for (String function : environment
                .getProperty("spring.cloud.function.definition", "inbox")
                .split(";")) {
            if (!function.isBlank() && !functions.contains(function.strip())) {
                functions.add(function.strip());
            }
        }
        List<DeadLetters> topics = new ArrayList<>();
        for (String function : functions) {
            String topic = environment.getProperty(
                    "spring.cloud.stream.kafka.bindings." + function + "-in-0.consumer.dlq-name");
            if (topic == null) {
                continue;
            }
            @SuppressWarnings("unchecked")
            java.util.function.Consumer<Message<byte[]>> consumer =
                    beans.getBean(function, java.util.function.Consumer.class);
            DeadLetters deadLetters =
                    new DeadLetters(RapportEventPublishing.brokers(environment), topic, mongo, consumer, clock);
            deadLetters.bindMetrics(meters);
            topics.add(deadLetters);
        }
        return new DeadLetterTopics(topics);
    }

    @Bean
    @ConditionalOnBean(DeadLetterTopics.class)
    DeadLettersEndpoint deadLettersEndpoint(DeadLetterTopics topics) {
        return new DeadLettersEndpoint(topics);
    }

    @Bean
    MemberDataPurge memberDataPurge(MongoTemplate mongo, RapportProperties properties) {
        return new MemberDataPurge(mongo, properties.privacy().keptCollections());
    }

    /** The member's right to be forgotten; each service puts its inbox's handler behind {@code guarding}. */
    @Bean
    MemberErasure memberErasure(
            MongoTemplate mongo,
            MemberDataPurge purge,
            Aggregates aggregates,
            Clock clock,
            RapportProperties properties) {
        return new MemberErasure(mongo, purge, aggregates, clock, properties);
    }

    @Bean
    IdempotentRequests idempotentRequests(
            MongoTemplate mongo, JsonMapper json, Clock clock, IdempotencyProperties properties) {
        return new IdempotentRequests(mongo, json, clock, properties);
    }

    /** The one rule for requests to URLs that members or operators give (webhooks, feeds, the directory). */
    @Bean
    @ConditionalOnMissingBean
    OutboundGuard outboundGuard(OutboundProperties properties) {
        return new OutboundGuard(properties);
    }

    @Bean
    ProblemHandlers problemHandlers() {
        return new ProblemHandlers();
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<IdentityFilter> identityFilter(RapportProperties properties, Clock clock) {
        var registration = new FilterRegistrationBean<>(new IdentityFilter(
                properties.identitySecretBytes(), properties.area().id(), clock));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    WebMvcConfigurer callerResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }
}

package dev.rapport.gateway.limits;

import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** The rate-limit windows every gateway instance shares through the gateway's MongoDB. */
@Configuration(proxyBeanMethods = false)
class SharedLimitsConfiguration {

    /** One minute: long enough to smooth bursts, short enough that a refused client waits little. */
    static final Duration WINDOW = Duration.ofMinutes(1);

    /** How often an instance shares its counts: the other instances learn them this late at most. */
    static final Duration SYNC_INTERVAL = Duration.ofMillis(500);

    @Bean(destroyMethod = "close")
    SharedWindows sharedWindows(ReactiveMongoTemplate mongo, Clock clock) {
        return new SharedWindows(mongo, clock, WINDOW, SYNC_INTERVAL);
    }
}

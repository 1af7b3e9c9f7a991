package dev.rapport.gateway.resilience;

import dev.rapport.gateway.GatewayProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;

/**
 * The circuit breaker every route gets (the {@code CircuitBreaker} default filter, one breaker per route id) and the
 * fallback it forwards to.
 */
@Configuration(proxyBeanMethods = false)
class CircuitBreakerConfiguration {

    /** Where the {@code CircuitBreaker} filter forwards a failed call; never reachable from outside. */
    static final String FALLBACK_PATH = "/fallback";

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakerDefaults(GatewayProperties properties) {
        GatewayProperties.CircuitBreaker settings = properties.circuitBreaker();
        CircuitBreakerConfig breaker = CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .waitDurationInOpenState(settings.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
                .recordException(CircuitBreakerConfiguration::isServiceFailure)
                .build();
        // The time limiter is disabled in application.yml; the HTTP client's response timeout applies instead.
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(breaker)
                .timeLimiterConfig(TimeLimiterConfig.ofDefaults())
                .build());
    }

    @Bean
    RouterFunction<ServerResponse> circuitBreakerFallback(ServiceFallbackHandler handler) {
        return RouterFunctions.route(RequestPredicates.path(FALLBACK_PATH), handler);
    }

    /** A client's mistake (a body too large) says nothing about the service's health. */
    static boolean isServiceFailure(Throwable failure) {
        return !(failure instanceof ResponseStatusException status
                && status.getStatusCode().is4xxClientError());
    }
}

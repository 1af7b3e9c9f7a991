package dev.rapport.gateway.resilience;

import dev.rapport.gateway.GatewayProperties;
import dev.rapport.gateway.problem.Problems;
import dev.rapport.gateway.requestid.RequestIds;
import dev.rapport.gateway.routing.RouteMetadata;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers a call the circuit breaker caught: 504 when the service was too slow, the client error when the request
 * itself was refused on the way (body too large), and otherwise 503 "{@code <service>} is unavailable", with
 * {@code Retry-After} while the circuit is open.
 */
@Component
class ServiceFallbackHandler implements HandlerFunction<ServerResponse> {

    private static final Logger log = LoggerFactory.getLogger(ServiceFallbackHandler.class);

    private final long openCircuitRetryAfterSeconds;

    ServiceFallbackHandler(GatewayProperties properties) {
        this.openCircuitRetryAfterSeconds = Math.max(
                1, properties.circuitBreaker().waitDurationInOpenState().toSeconds());
    }

    @Override
    public Mono<ServerResponse> handle(ServerRequest request) {
        ServerWebExchange exchange = request.exchange();
        Throwable failure = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        String service = RouteMetadata.service(exchange);
        if (failure instanceof ResponseStatusException refused
                && refused.getStatusCode().is4xxClientError()) {
            return problem(exchange, refused.getStatusCode(), refused.getReason(), null);
        }
        if (isTimeout(failure)) {
            logFailure(exchange, service + " did not answer in time", failure);
            return problem(exchange, HttpStatus.GATEWAY_TIMEOUT, service + " did not answer in time", null);
        }
        if (failure instanceof CallNotPermittedException) {
            // The breaker is open: no call was made, so there is nothing new to log for each request.
            return problem(
                    exchange,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    service + " is unavailable",
                    Long.toString(openCircuitRetryAfterSeconds));
        }
        logFailure(exchange, service + " is unavailable", failure);
        return problem(exchange, HttpStatus.SERVICE_UNAVAILABLE, service + " is unavailable", null);
    }

    private static Mono<ServerResponse> problem(
            ServerWebExchange exchange, HttpStatusCode status, @Nullable String detail, @Nullable String retryAfter) {
        return ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .headers(headers -> {
                    if (retryAfter != null) {
                        headers.set(HttpHeaders.RETRY_AFTER, retryAfter);
                    }
                })
                .bodyValue(Problems.body(status, detail != null ? detail : "The request was refused", exchange));
    }

    static boolean isTimeout(@Nullable Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException
                    || cause instanceof org.springframework.cloud.gateway.support.TimeoutException
                    || (cause instanceof ResponseStatusException status
                            && status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value())) {
                return true;
            }
        }
        return false;
    }

    private static void logFailure(ServerWebExchange exchange, String what, @Nullable Throwable failure) {
        RequestIds.withMdc(
                exchange,
                () -> log.warn(
                        "{} for {} {}: {}",
                        what,
                        exchange.getRequest().getMethod(),
                        RequestIds.originalPath(exchange),
                        failure != null ? failure.toString() : "no cause recorded"));
    }
}

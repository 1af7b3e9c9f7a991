package dev.rapport.gateway.problem;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import dev.rapport.gateway.requestid.RequestIds;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Renders every error that escapes the filter chain (no route, body too large, unexpected failures) as
 * {@code application/problem+json} instead of Spring Boot's default JSON error page.
 *
 * <p>Ordered before Boot's {@code DefaultErrorWebExceptionHandler} ({@code -1}).
 */
@Component
@Order(-2)
public class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final Problems problems;

    public ProblemExceptionHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        if (failure instanceof ErrorResponse error && !error.getStatusCode().is5xxServerError()) {
            Map<String, Object> properties = error.getBody().getProperties();
            return problems.write(
                    exchange,
                    error.getStatusCode(),
                    detail(error),
                    headers -> headers.addAll(error.getHeaders()),
                    properties != null ? properties : Map.of());
        }
        if (storeUnavailable(failure)) {
            // The gateway's own resources (API keys) live in its MongoDB database: down is 503, retry later.
            log.warn(
                    "{} {}: the gateway's store is unavailable: {}",
                    exchange.getRequest().getMethod(),
                    RequestIds.originalPath(exchange),
                    failure.toString());
            return problems.write(
                    exchange,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "The gateway's storage is unavailable: retry later",
                    headers -> headers.set(HttpHeaders.RETRY_AFTER, "5"),
                    Map.of());
        }
        HttpStatusCode status =
                failure instanceof ErrorResponse error ? error.getStatusCode() : HttpStatus.INTERNAL_SERVER_ERROR;
        RequestIds.withMdc(
                exchange,
                () -> log.error(
                        "{} {} failed in the gateway",
                        exchange.getRequest().getMethod(),
                        RequestIds.originalPath(exchange),
                        failure));
        // Internal failures keep their details in the log: the client gets the request id to quote instead.
        return problems.write(
                exchange,
                status,
                "The gateway could not handle the request (request id " + RequestIds.of(exchange) + ")");
    }

    /** Whether {@code failure} (or a cause) says that MongoDB cannot be reached, as opposed to a failed request. */
    static boolean storeUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof MongoTimeoutException
                    || cause instanceof MongoSocketException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String detail(ErrorResponse error) {
        String detail = error.getBody().getDetail();
        if (detail != null && !detail.isBlank()) {
            return detail;
        }
        HttpStatus known = HttpStatus.resolve(error.getStatusCode().value());
        return known != null ? known.getReasonPhrase() : "The request failed";
    }
}

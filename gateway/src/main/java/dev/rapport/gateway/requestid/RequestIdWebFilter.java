package dev.rapport.gateway.requestid;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Gives every request an {@code X-Request-Id} (the client's when well-formed, else a new UUID), forwards it to the
 * service, returns it on the response, puts it in the Reactor context for the logs and writes one access-log line.
 *
 * <p>A web filter rather than a gateway filter so that it also covers what Spring Security answers (401, 403, CORS)
 * before any route is chosen.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdWebFilter implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestIdWebFilter.class);

    private final ApplicationContext gatewayContext;

    public RequestIdWebFilter(ApplicationContext gatewayContext) {
        this.gatewayContext = gatewayContext;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = acceptOrGenerate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
        long startedAt = System.nanoTime();
        exchange.getAttributes().put(RequestIds.ID_ATTRIBUTE, id);
        exchange.getAttributes()
                .put(RequestIds.PATH_ATTRIBUTE, exchange.getRequest().getPath().value());
        // Set at commit time so that a service's own X-Request-Id cannot replace or duplicate the gateway's.
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(RequestIds.HEADER, id);
            return Mono.empty();
        });
        ServerWebExchange withId = exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(RequestIds.HEADER, id)))
                .build();
        return chain.filter(withId)
                .doFinally(signal -> {
                    // The management port (health probes every few seconds) runs in a child context: not logged.
                    if (exchange.getApplicationContext() == gatewayContext) {
                        logCompletion(withId, signal, startedAt);
                    }
                })
                .contextWrite(context -> context.put(RequestIds.MDC_KEY, id));
    }

    static String acceptOrGenerate(@Nullable String candidate) {
        return candidate != null && RequestIds.VALID.matcher(candidate).matches()
                ? candidate
                : UUID.randomUUID().toString();
    }

    private static void logCompletion(ServerWebExchange exchange, SignalType signal, long startedAt) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        long nanos = System.nanoTime() - startedAt;
        long millis = nanos / 1_000_000;
        String method = exchange.getRequest().getMethod().name();
        String path = RequestIds.originalPath(exchange);
        // Key-value pairs become ECS fields in the structured log, ready for dashboards.
        RequestIds.withMdc(
                exchange,
                () -> log.atInfo()
                        .addKeyValue("http.request.method", method)
                        .addKeyValue("url.path", path)
                        .addKeyValue("http.response.status_code", status != null ? status.value() : 0)
                        .addKeyValue("event.duration", nanos)
                        .log(
                                "{} {} -> {} in {} ms{}",
                                method,
                                path,
                                status != null ? status.value() : "-",
                                millis,
                                signal == SignalType.CANCEL ? " (client went away)" : ""));
    }
}

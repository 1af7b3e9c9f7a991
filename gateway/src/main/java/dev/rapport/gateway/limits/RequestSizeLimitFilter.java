package dev.rapport.gateway.limits;

import dev.rapport.gateway.GatewayProperties;
import dev.rapport.gateway.problem.Problems;
import dev.rapport.gateway.routing.RouteMetadata;
import dev.rapport.gateway.security.AreaAuthorizationFilter;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies larger than the route's {@code max-request-size} metadata (else
 * {@code rapport.gateway.max-request-size}) with 413 {@code application/problem+json}.
 *
 * <p>A declared {@code Content-Length} is refused before any byte is read; a body without one (chunked) is counted
 * as it streams. This runs before the gateway buffers bodies for circuit-breaker fallbacks, which would otherwise
 * read an unbounded body into memory.
 */
@Component
public class RequestSizeLimitFilter implements GlobalFilter, Ordered {

    private final DataSize defaultLimit;
    private final Problems problems;

    public RequestSizeLimitFilter(GatewayProperties properties, Problems problems) {
        this.defaultLimit = properties.maxRequestSize();
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        // Spring Cloud Gateway's AdaptCachedBodyGlobalFilter, which buffers the body, runs at HIGHEST_PRECEDENCE +
        // 1000.
        return AreaAuthorizationFilter.ORDER + 200;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        DataSize limit = RouteMetadata.maxRequestSize(exchange, defaultLimit);
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limit.toBytes()) {
            return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, tooLarge(limit));
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit.toBytes()) {
                        DataBufferUtils.release(buffer);
                        sink.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, tooLarge(limit)));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private static String tooLarge(DataSize limit) {
        return "The request body exceeds this endpoint's limit of " + describe(limit);
    }

    static String describe(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % (1024 * 1024) == 0) {
            return (bytes / (1024 * 1024)) + " MB";
        }
        if (bytes % 1024 == 0) {
            return (bytes / 1024) + " KB";
        }
        return bytes + " bytes";
    }
}

package dev.rapport.gateway.limits;

import dev.rapport.gateway.GatewayProperties;
import dev.rapport.gateway.problem.Problems;
import dev.rapport.gateway.routing.GatewayEndpoints;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Gives the endpoints the gateway answers itself ({@link GatewayEndpoints}) the limits routed requests get from the
 * global filters: the member's rate limit (429) and the default body limit by declared length (413; a streamed body
 * meets the JSON decoder's own 256 KB limit, also 413).
 *
 * <p>A web filter, because gateway filters only run for routed requests; ordered after Spring Security so that the
 * member is known.
 */
@Component
public class GatewayEndpointLimitsFilter implements WebFilter, Ordered {

    /** After Spring Security's filter chain ({@code -100}). */
    static final int ORDER = 0;

    private static final List<PathPattern> PATTERNS = GatewayEndpoints.PATTERNS.stream()
            .map(PathPatternParser.defaultInstance::parse)
            .toList();

    private final RateLimits limits;
    private final Problems problems;
    private final DataSize maxRequestSize;

    public GatewayEndpointLimitsFilter(RateLimits limits, Problems problems, GatewayProperties properties) {
        this.limits = limits;
        this.problems = problems;
        this.maxRequestSize = properties.maxRequestSize();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (PATTERNS.stream().noneMatch(pattern -> pattern.matches(path))) {
            return chain.filter(exchange);
        }
        if (exchange.getRequest().getHeaders().getContentLength() > maxRequestSize.toBytes()) {
            return problems.write(
                    exchange,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "The request body exceeds this endpoint's limit of "
                            + RequestSizeLimitFilter.describe(maxRequestSize));
        }
        return limits.take(exchange, "gateway").flatMap(limited -> {
            if (limited.decision().allowed()) {
                return chain.filter(exchange);
            }
            return problems.write(
                    exchange,
                    HttpStatus.TOO_MANY_REQUESTS,
                    limited.detail(),
                    headers -> headers.set(
                            HttpHeaders.RETRY_AFTER,
                            Long.toString(limited.decision().retryAfterSeconds())));
        });
    }
}

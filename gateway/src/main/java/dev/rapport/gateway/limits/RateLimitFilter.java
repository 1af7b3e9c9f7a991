package dev.rapport.gateway.limits;

import dev.rapport.gateway.problem.Problems;
import dev.rapport.gateway.requestid.RequestIds;
import dev.rapport.gateway.routing.RouteMetadata;
import dev.rapport.gateway.security.AreaAuthorizationFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Applies {@link RateLimits} to every routed request, answering 429 {@code application/problem+json} with
 * {@code Retry-After} beyond the allowance.
 */
@Component
public class RateLimitFilter implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final RateLimits limits;
    private final Problems problems;

    public RateLimitFilter(RateLimits limits, Problems problems) {
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        // After the scope check, so that a member's forbidden attempts do not also use up the allowance.
        return AreaAuthorizationFilter.ORDER + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String route = RouteMetadata.route(exchange).map(Route::getId).orElse("unrouted");
        return limits.take(exchange, route).flatMap(limited -> {
            if (limited.decision().allowed()) {
                return chain.filter(exchange);
            }
            long seconds = limited.decision().retryAfterSeconds();
            RequestIds.withMdc(exchange, () -> log.debug("Rate limit reached; retry after {} s", seconds));
            return problems.write(
                    exchange,
                    HttpStatus.TOO_MANY_REQUESTS,
                    limited.detail(),
                    headers -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
        });
    }
}

package dev.rapport.gateway.limits;

import dev.rapport.gateway.GatewayProperties;
import dev.rapport.gateway.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits, per client address, the requests the gateway could not authenticate (no credentials where they are
 * needed, a bad token, an unknown, revoked or expired API key): every 401 counts against the address, and an
 * address that has spent its allowance is refused with 429 before Spring Security runs, so before any token is
 * verified or any API key looked up in the database. The counts are shared by every gateway instance
 * ({@link SharedWindows}, sent at once since failures are rare).
 *
 * <p>Requests that authenticate cost nothing here but a map lookup.
 */
@Component
public class UnverifiedAddressLimitFilter implements WebFilter, Ordered {

    /** Before Spring Security's filter chain ({@code -100}), after the request id ({@code HIGHEST_PRECEDENCE}). */
    static final int ORDER = -150;

    private static final Logger log = LoggerFactory.getLogger(UnverifiedAddressLimitFilter.class);

    private final SharedWindows shared;
    private final Problems problems;
    private final long windowLimit;

    public UnverifiedAddressLimitFilter(SharedWindows shared, Problems problems, GatewayProperties properties) {
        this.shared = shared;
        this.problems = problems;
        this.windowLimit = RateLimits.windowLimit(
                new GatewayProperties.RateLimit(properties.unverifiedRequestsPerSecond(), properties.unverifiedBurst()),
                shared);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String key = "unverified:" + RateLimits.clientAddress(exchange);
        if (shared.exhausted(key, windowLimit)) {
            long seconds = shared.secondsLeftInWindow();
            return problems.write(
                    exchange,
                    HttpStatus.TOO_MANY_REQUESTS,
                    "Too many requests without valid credentials from this address: retry after " + seconds + " s",
                    headers -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
        }
        exchange.getResponse().beforeCommit(() -> {
            if (HttpStatus.UNAUTHORIZED.equals(exchange.getResponse().getStatusCode())) {
                return shared.add(key, 1, true).onErrorResume(failure -> {
                    log.warn("Cannot share a failed authentication's count: {}", failure.toString());
                    return Mono.empty();
                });
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}

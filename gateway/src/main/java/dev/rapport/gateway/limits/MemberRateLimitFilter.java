package dev.rapport.gateway.limits;

import dev.rapport.gateway.GatewayProperties;
import dev.rapport.gateway.problem.Problems;
import dev.rapport.gateway.requestid.RequestIds;
import dev.rapport.gateway.security.AreaAuthorizationFilter;
import dev.rapport.gateway.security.MemberAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Limits each member (tenant and member id) to the configured rate, answering 429 {@code application/problem+json}
 * with {@code Retry-After} beyond it. Anonymous requests only reach the public documentation routes.
 */
@Component
public class MemberRateLimitFilter implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(MemberRateLimitFilter.class);

    private final TokenBucketRateLimiter limiter;
    private final Problems problems;

    public MemberRateLimitFilter(GatewayProperties properties, Problems problems) {
        GatewayProperties.RateLimit rateLimit = properties.rateLimit();
        this.limiter = new TokenBucketRateLimiter(rateLimit.requestsPerSecond(), rateLimit.burst(), System::nanoTime);
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        // After the scope check, so that a member's forbidden attempts do not also use up the allowance.
        return AreaAuthorizationFilter.ORDER + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .ofType(MemberAuthentication.class)
                .map(member -> limiter.tryAcquire(member.memberKey()))
                .defaultIfEmpty(TokenBucketRateLimiter.Decision.ALLOWED)
                .flatMap(decision -> {
                    if (decision.allowed()) {
                        return chain.filter(exchange);
                    }
                    long seconds = decision.retryAfterSeconds();
                    RequestIds.withMdc(exchange, () -> log.debug("Rate limit reached; retry after {} s", seconds));
                    return problems.write(
                            exchange,
                            HttpStatus.TOO_MANY_REQUESTS,
                            "Too many requests for this member: retry after " + seconds + " s",
                            headers -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
                });
    }
}

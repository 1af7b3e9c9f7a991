package dev.rapport.gateway.limits;

import dev.rapport.gateway.GatewayProperties;
import dev.rapport.gateway.security.MemberAuthentication;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The gateway's request allowances: one token bucket per member (and per API key, apart from its member's own use)
 * across the whole API, and one per client address and public route for requests without credentials (the secret
 * calendar feeds, the API documentation).
 *
 * <p>The client address is the connection's: with a load balancer in front, configure Spring Cloud Gateway's
 * {@code trusted-proxies} so that every client does not share the balancer's allowance.
 */
@Component
public class RateLimits {

    private final TokenBucketRateLimiter members;
    private final TokenBucketRateLimiter anonymous;

    public RateLimits(GatewayProperties properties) {
        GatewayProperties.RateLimit member = properties.rateLimit();
        GatewayProperties.RateLimit perAddress = properties.anonymousRateLimit();
        this.members = new TokenBucketRateLimiter(member.requestsPerSecond(), member.burst(), System::nanoTime);
        this.anonymous =
                new TokenBucketRateLimiter(perAddress.requestsPerSecond(), perAddress.burst(), System::nanoTime);
    }

    /**
     * Takes one request from the allowance the exchange draws on.
     *
     * @param publicRoute the route an anonymous request uses, so that one public route cannot exhaust another
     */
    public Mono<Limited> take(ServerWebExchange exchange, String publicRoute) {
        return exchange.getPrincipal()
                .ofType(MemberAuthentication.class)
                .map(member -> new Limited(members.tryAcquire(member.rateLimitKey()), true))
                .switchIfEmpty(Mono.fromSupplier(() -> new Limited(
                        anonymous.tryAcquire("address:" + clientAddress(exchange) + "|" + publicRoute), false)));
    }

    private static String clientAddress(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getRequest().getRemoteAddress())
                .map(InetSocketAddress::getAddress)
                .map(address -> address.getHostAddress())
                .orElse("unknown");
    }

    /** The decision, and whose allowance it was about. */
    public record Limited(TokenBucketRateLimiter.Decision decision, boolean member) {

        /** The 429 problem's detail. */
        public String detail() {
            return "Too many requests " + (member ? "for these credentials" : "from this address") + ": retry after "
                    + decision.retryAfterSeconds() + " s";
        }
    }
}

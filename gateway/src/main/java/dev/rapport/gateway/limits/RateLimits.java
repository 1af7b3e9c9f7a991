package dev.rapport.gateway.limits;

import dev.rapport.gateway.GatewayProperties;
import dev.rapport.gateway.security.MemberAuthentication;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The gateway's request allowances: one token bucket per member (and per API key, apart from its member's own use)
 * across the whole API, and one per client address and public route for requests without credentials (the secret
 * calendar feeds, the API documentation).
 *
 * <p>The buckets are each instance's own; on top of them every allowance has a per-window total shared by all the
 * gateway's instances ({@link SharedWindows}: {@code requests-per-second × window + burst} per window), so that
 * adding instances does not multiply what a member or an address may send.
 *
 * <p>The client address is the connection's: with a load balancer in front, configure Spring Cloud Gateway's
 * {@code trusted-proxies} so that every client does not share the balancer's allowance.
 */
@Component
public class RateLimits {

    private final TokenBucketRateLimiter members;
    private final TokenBucketRateLimiter anonymous;
    private final SharedWindows shared;
    private final long memberWindowLimit;
    private final long anonymousWindowLimit;

    public RateLimits(GatewayProperties properties, SharedWindows shared) {
        GatewayProperties.RateLimit member = properties.rateLimit();
        GatewayProperties.RateLimit perAddress = properties.anonymousRateLimit();
        this.members = new TokenBucketRateLimiter(member.requestsPerSecond(), member.burst(), System::nanoTime);
        this.anonymous =
                new TokenBucketRateLimiter(perAddress.requestsPerSecond(), perAddress.burst(), System::nanoTime);
        this.shared = shared;
        this.memberWindowLimit = windowLimit(member, shared);
        this.anonymousWindowLimit = windowLimit(perAddress, shared);
    }

    static long windowLimit(GatewayProperties.RateLimit limit, SharedWindows shared) {
        double perWindow = limit.requestsPerSecond() * shared.windowSeconds() + limit.burst();
        return perWindow >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(perWindow);
    }

    /**
     * Takes one request from the allowance the exchange draws on.
     *
     * @param publicRoute the route an anonymous request uses, so that one public route cannot exhaust another
     */
    public Mono<Limited> take(ServerWebExchange exchange, String publicRoute) {
        return exchange.getPrincipal()
                .ofType(MemberAuthentication.class)
                .map(member -> new Limited(decide(members, "member:" + member.rateLimitKey(), memberWindowLimit), true))
                .switchIfEmpty(Mono.fromSupplier(() -> new Limited(
                        decide(
                                anonymous,
                                "address:" + clientAddress(exchange) + "|" + publicRoute,
                                anonymousWindowLimit),
                        false)));
    }

    private TokenBucketRateLimiter.Decision decide(TokenBucketRateLimiter bucket, String key, long windowLimit) {
        if (shared.exhausted(key, windowLimit)) {
            return new TokenBucketRateLimiter.Decision(false, Duration.ofSeconds(shared.secondsLeftInWindow()));
        }
        TokenBucketRateLimiter.Decision decision = bucket.tryAcquire(key);
        if (decision.allowed()) {
            shared.add(key, 1, false).subscribe();
        }
        return decision;
    }

    /** The connection's address (see the class comment about load balancers). */
    public static String clientAddress(ServerWebExchange exchange) {
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

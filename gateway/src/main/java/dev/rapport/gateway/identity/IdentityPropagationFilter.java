package dev.rapport.gateway.identity;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.gateway.routing.RouteMetadata;
import dev.rapport.gateway.security.MemberAuthentication;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Replaces whatever identity a client claims with the one the gateway verified: removes every client
 * {@code X-Rapport-*} header and the bearer token, and, on member routes, adds {@code X-Rapport-Identity} signed
 * with the secret the services share ({@link IdentitySigner}) for this one request's method and forwarded path, so
 * that the assertion cannot be replayed to another service or endpoint.
 *
 * <p>{@code Forwarded} and {@code X-Forwarded-*} from clients are dropped by Spring Cloud Gateway itself as long as
 * {@code spring.cloud.gateway.server.webflux.trusted-proxies} is unset (CVE-2025-41235).
 */
@Component
public class IdentityPropagationFilter implements GlobalFilter, Ordered {

    /** The prefix of the headers only the gateway may set. */
    public static final String RESERVED_PREFIX = "x-rapport-";

    private final IdentitySigner signer;

    public IdentityPropagationFilter(IdentitySigner signer) {
        this.signer = signer;
    }

    /**
     * After {@link RouteToRequestUrlFilter} and every route filter that rewrites the path: the assertion is bound to
     * the method and path the service will receive. Also after the circuit breaker and retry filters, so that each
     * attempt carries its own fresh assertion.
     */
    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        boolean memberRoute = RouteMetadata.area(exchange).isPresent();
        return exchange.getPrincipal()
                .ofType(MemberAuthentication.class)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(member -> {
                    ServerHttpRequest request = exchange.getRequest()
                            .mutate()
                            .headers(headers -> {
                                removeReserved(headers);
                                // The services trust the signed assertion; the member's token stays at the edge.
                                headers.remove(HttpHeaders.AUTHORIZATION);
                                if (memberRoute && member.isPresent()) {
                                    headers.set(
                                            IdentityAssertion.HEADER,
                                            signer.sign(
                                                    member.get().identity(),
                                                    member.get().apiKeyId().orElse(null),
                                                    exchange.getRequest()
                                                            .getMethod()
                                                            .name(),
                                                    forwardedPath(exchange)));
                                }
                            })
                            .build();
                    return chain.filter(exchange.mutate().request(request).build());
                });
    }

    /** The raw path of the URL the request is forwarded to, as the service will see it. */
    private static String forwardedPath(ServerWebExchange exchange) {
        URI target = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        return (target != null ? target : exchange.getRequest().getURI()).getRawPath();
    }

    static void removeReserved(HttpHeaders headers) {
        List<String> reserved = headers.headerNames().stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX))
                .toList();
        reserved.forEach(headers::remove);
    }
}

package dev.rapport.gateway.security;

import dev.rapport.gateway.problem.Problems;
import dev.rapport.gateway.routing.RouteMetadata;
import java.util.Optional;
import java.util.Set;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Lets a request through to a route with an {@code area} only when the member's scopes allow that area for the
 * request's method: GET and HEAD need {@code <area>:read}, every other method {@code <area>:write} (which also
 * grants read). A route marked {@code member-token-only} also refuses API keys.
 */
@Component
public class AreaAuthorizationFilter implements GlobalFilter, Ordered {

    /** Runs before any other gateway work: a refused request costs nothing further. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    private final Problems problems;

    AreaAuthorizationFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Optional<String> area = RouteMetadata.area(exchange);
        if (area.isEmpty()) {
            return chain.filter(exchange);
        }
        String access = READS.contains(exchange.getRequest().getMethod()) ? "read" : "write";
        return exchange.getPrincipal()
                .ofType(MemberAuthentication.class)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(member -> {
                    if (member.isEmpty()) {
                        // Security already requires a token on /api/**; a route outside it must not slip through.
                        return problems.write(
                                exchange,
                                HttpStatus.UNAUTHORIZED,
                                "Authentication is required",
                                headers -> headers.set(
                                        HttpHeaders.WWW_AUTHENTICATE, ProblemAuthenticationEntryPoint.challenge(null)));
                    }
                    if (RouteMetadata.memberTokenOnly(exchange) && !member.get().isMemberToken()) {
                        return problems.write(
                                exchange,
                                HttpStatus.FORBIDDEN,
                                "Only the member's own token may do this; an API key never can");
                    }
                    if (member.get().identity().allows(area.get(), access)) {
                        return chain.filter(exchange);
                    }
                    String required = area.get() + ":" + access;
                    return problems.write(
                            exchange,
                            HttpStatus.FORBIDDEN,
                            "This request needs the scope " + required + "; the token grants "
                                    + (member.get().scopes().isEmpty()
                                            ? "none"
                                            : String.join(" ", member.get().scopes())),
                            headers -> headers.set(
                                    HttpHeaders.WWW_AUTHENTICATE,
                                    ProblemAuthenticationEntryPoint.insufficientScopeChallenge(required)));
                });
    }
}

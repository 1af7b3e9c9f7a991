package dev.rapport.gateway.routing;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads what a route's {@code metadata} in {@code application.yml} tells the gateway's filters, so that a route's
 * policy is declared in one place next to its predicates.
 *
 * <ul>
 *   <li>{@code area}: the scope area the route belongs to ({@code contacts}, {@code reminders}, {@code content});
 *       a route with an area requires a member token allowing it; one without is public
 *   <li>{@code service}: the service's name in error messages
 *   <li>{@code max-request-size}: the route's body limit (e.g. {@code 20MB}) instead of the default
 *   <li>{@code member-token-only}: {@code true} when only the member's own token may call the route, never an API
 *       key (irreversible actions such as erasing the account)
 * </ul>
 */
public final class RouteMetadata {

    /** Metadata key of the scope area. */
    public static final String AREA = "area";

    /** Metadata key of the service's display name. */
    public static final String SERVICE = "service";

    /** Metadata key of the route's request body limit. */
    public static final String MAX_REQUEST_SIZE = "max-request-size";

    /** Metadata key of the flag that refuses API keys on a route. */
    public static final String MEMBER_TOKEN_ONLY = "member-token-only";

    private RouteMetadata() {}

    /** The route the gateway chose for the exchange, if any. */
    public static Optional<Route> route(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR));
    }

    /** The scope area of the exchange's route, empty for a public route. */
    public static Optional<String> area(ServerWebExchange exchange) {
        return route(exchange).map(route -> text(route, AREA));
    }

    /** The name of the service behind the exchange's route. */
    public static String service(ServerWebExchange exchange) {
        return route(exchange)
                .map(route -> {
                    String service = text(route, SERVICE);
                    return service != null ? service : route.getId();
                })
                .orElse("the service");
    }

    /** The body limit of the exchange's route, or {@code fallback} when the route sets none. */
    public static DataSize maxRequestSize(ServerWebExchange exchange, DataSize fallback) {
        return route(exchange)
                .map(route -> text(route, MAX_REQUEST_SIZE))
                .map(DataSize::parse)
                .orElse(fallback);
    }

    /** Whether the exchange's route accepts only the member's own token, never an API key. */
    public static boolean memberTokenOnly(ServerWebExchange exchange) {
        return route(exchange)
                .map(route -> "true".equalsIgnoreCase(text(route, MEMBER_TOKEN_ONLY)))
                .orElse(false);
    }

    private static @Nullable String text(Route route, String key) {
        Object value = route.getMetadata().get(key);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}

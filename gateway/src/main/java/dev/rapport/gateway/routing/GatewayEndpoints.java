package dev.rapport.gateway.routing;

import java.util.List;

/**
 * The API the gateway answers itself instead of routing: members' API keys (the gateway owns them) and the data
 * export composed from every service.
 */
public final class GatewayEndpoints {

    /** A member's API keys. */
    public static final String API_KEYS = "/api/v1/me/api-keys";

    /** Everything a member owns, from every service. */
    public static final String EXPORT = "/api/v1/me/export";

    /** Path patterns of every endpoint above, for the filters that must apply to them as to routes. */
    public static final List<String> PATTERNS = List.of(API_KEYS, API_KEYS + "/**", EXPORT);

    private GatewayEndpoints() {}
}

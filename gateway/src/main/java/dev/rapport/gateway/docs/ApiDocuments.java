package dev.rapport.gateway.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a service's OpenAPI document into the one clients read at the gateway. The services know only the signed
 * identity header the gateway sends them; clients call the gateway, with a bearer credential. So the published
 * document:
 *
 * <ul>
 *   <li>names the gateway as its server ({@code "/"}: the origin the document was fetched from), so that Swagger UI's
 *       "Try it out" goes through the gateway rather than to the service's own address;
 *   <li>declares the bearer scheme ({@value #SCHEME}: a member JWT or an {@code rk_live_} API key) and requires it
 *       everywhere, so that Swagger UI's Authorize button works;
 *   <li>shows public endpoints under their public path, without security ({@link #PUBLIC_ALIASES}), and drops the
 *       paths the gateway never routes.
 * </ul>
 */
public final class ApiDocuments {

    /** The name of the security scheme in the published documents. */
    public static final String SCHEME = "bearerAuth";

    /** Service paths that the gateway publishes, without credentials, under another path. */
    public static final Map<String, String> PUBLIC_ALIASES =
            Map.of("/feeds/calendar/{token}.ics", "/api/v1/calendar/{token}.ics");

    private ApiDocuments() {}

    /** The published form of {@code document}; a body that is not an OpenAPI document is left as it is. */
    public static JsonNode publish(JsonNode document) {
        if (!(document instanceof ObjectNode openApi) || !openApi.has("openapi")) {
            return document;
        }
        ArrayNode servers = openApi.putArray("servers");
        servers.addObject().put("url", "/").put("description", "The Rapport gateway");

        ObjectNode schemes = object(object(openApi, "components"), "securitySchemes");
        schemes.putObject(SCHEME)
                .put("type", "http")
                .put("scheme", "bearer")
                .put(
                        "description",
                        "A member token (JWT from the organization's identity provider; ./rapport token MEMBER in the"
                                + " embedded default) or an API key (rk_live_…, POST /api/v1/me/api-keys)");
        ArrayNode security = openApi.putArray("security");
        security.addObject().putArray(SCHEME);

        if (openApi.get("paths") instanceof ObjectNode paths) {
            List<String> names = new ArrayList<>(paths.propertyNames());
            for (String path : names) {
                String alias = PUBLIC_ALIASES.get(path);
                JsonNode item = paths.get(path);
                if (alias != null && item instanceof ObjectNode operations) {
                    paths.remove(path);
                    operations.properties().forEach(entry -> {
                        if (entry.getValue() instanceof ObjectNode operation) {
                            // An empty requirement list: no credentials at all for this operation.
                            operation.putArray("security");
                        }
                    });
                    paths.set(alias, operations);
                } else if (!path.startsWith("/api/")) {
                    paths.remove(path);
                }
            }
        }
        return openApi;
    }

    private static ObjectNode object(ObjectNode parent, String name) {
        return parent.get(name) instanceof ObjectNode existing ? existing : parent.putObject(name);
    }
}

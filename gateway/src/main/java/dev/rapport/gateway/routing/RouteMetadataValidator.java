package dev.rapport.gateway.routing;

import java.util.regex.Pattern;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/** Refuses to start with route metadata the filters could only trip over at request time. */
@Component
class RouteMetadataValidator {

    private static final Pattern AREA = Pattern.compile("[a-z]+");

    RouteMetadataValidator(GatewayProperties gateway) {
        for (RouteDefinition route : gateway.getRoutes()) {
            Object area = route.getMetadata().get(RouteMetadata.AREA);
            if (area != null && !AREA.matcher(area.toString()).matches()) {
                throw new IllegalStateException("Route " + route.getId() + ": area '" + area
                        + "' must be lower-case letters, as in the scopes (contacts:read)");
            }
            Object memberTokenOnly = route.getMetadata().get(RouteMetadata.MEMBER_TOKEN_ONLY);
            if (memberTokenOnly != null
                    && !"true".equals(memberTokenOnly.toString())
                    && !"false".equals(memberTokenOnly.toString())) {
                throw new IllegalStateException("Route " + route.getId() + ": member-token-only '" + memberTokenOnly
                        + "' must be true or false");
            }
            if ("true".equals(String.valueOf(memberTokenOnly)) && area == null) {
                throw new IllegalStateException(
                        "Route " + route.getId() + ": member-token-only needs an area (a public route has no token)");
            }
            Object size = route.getMetadata().get(RouteMetadata.MAX_REQUEST_SIZE);
            if (size != null) {
                try {
                    if (DataSize.parse(size.toString()).toBytes() <= 0) {
                        throw new IllegalArgumentException("not positive");
                    }
                } catch (IllegalArgumentException invalid) {
                    throw new IllegalStateException(
                            "Route " + route.getId() + ": max-request-size '" + size + "' is not a size like 20MB",
                            invalid);
                }
            }
        }
    }
}

package dev.rapport.platform.faults;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Plausible values from an OpenAPI schema (its examples, enums, first values, dates ahead), which the hostile
 * requests change one field at a time; URLs point to loopback, which the outbound guard refuses.
 */
final class SchemaValues {

    /** An address the outbound guard refuses: nothing generated here ever leaves the machine. */
    private static final String LOOPBACK_URL = "https://127.0.0.1:1/faults";

    private SchemaValues() {}

    static Schema<?> jsonBody(Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return null;
        }
        MediaType json = operation.getRequestBody().getContent().get("application/json");
        return json == null ? null : json.getSchema();
    }

    /** A plausible body from the schema: examples, enums, first values; URLs on loopback, refused by the guard. */
    static Map<String, Object> skeleton(Schema<?> schema) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (schema == null || schema.getProperties() == null) {
            return body;
        }
        schema.getProperties().forEach((name, property) -> body.put(name, plain(property, name)));
        return body;
    }

    static Object plain(Schema<?> schema, String name) {
        if (schema == null) {
            return "x";
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (schema.getExample() != null && !(lower.contains("url") || lower.contains("host"))) {
            return schema.getExample() instanceof JsonNode node ? node.toString() : schema.getExample();
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return String.valueOf(schema.getEnum().getFirst());
        }
        String type = type(schema);
        String format = schema.getFormat() == null ? "" : schema.getFormat();
        return switch (type) {
            case "integer", "number" -> schema.getMinimum() != null ? schema.getMinimum() : 1;
            case "boolean" -> Boolean.TRUE;
            case "array" -> List.of();
            case "object" -> skeleton(schema);
            default -> {
                if (format.equals("uri") || lower.contains("url") || lower.contains("host") || lower.contains("feed")) {
                    yield LOOPBACK_URL;
                }
                if (format.equals("date-time")) {
                    yield LocalDate.now(ZoneOffset.UTC).plusDays(3) + "T09:00:00Z";
                }
                if (format.equals("date")) {
                    yield LocalDate.now(ZoneOffset.UTC).plusDays(3).toString();
                }
                if (format.equals("email") || lower.contains("email")) {
                    yield "someone@example.org";
                }
                yield "faults";
            }
        };
    }

    static String type(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        if (schema.getTypes() != null && !schema.getTypes().isEmpty()) {
            return schema.getTypes().stream()
                    .filter(t -> !t.equals("null"))
                    .findFirst()
                    .orElse("object");
        }
        return schema.getProperties() != null ? "object" : "string";
    }

    static boolean isNumber(Schema<?> schema) {
        if (schema == null) {
            return false;
        }
        String type = type(schema);
        return type.equals("integer") || type.equals("number");
    }
}

package dev.rapport.support.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Describes the error answers every {@code /api/**} operation can give, as {@code application/problem+json}
 * (RFC 9457, {@link ProblemHandlers}): 401 and 403 from the identity filter, 400 for a request that does not
 * validate, 404 for an id the caller does not own. An operation that documents its own answer for a status keeps
 * it.
 */
public class ProblemResponses implements OpenApiCustomizer {

    static final String SCHEMA = "Problem";

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.schema(SCHEMA, problemSchema());
        openApi.getPaths().forEach((path, item) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> entry :
                    item.readOperationsMap().entrySet()) {
                ApiResponses responses = entry.getValue().getResponses();
                if (responses == null) {
                    responses = new ApiResponses();
                    entry.getValue().setResponses(responses);
                }
                add(responses, "400", "The request is invalid (field errors in errors[])");
                add(responses, "401", "No verified identity (the gateway authenticates every request)");
                add(responses, "403", "The credentials do not grant this area and access");
                if (path.contains("{")) {
                    add(responses, "404", "No such resource of the caller's (another member's id answers this too)");
                }
            }
        });
    }

    private static void add(ApiResponses responses, String status, String description) {
        if (responses.containsKey(status)) {
            ApiResponse existing = responses.get(status);
            if (existing.getContent() == null || existing.getContent().isEmpty()) {
                existing.setContent(problemContent());
            }
            return;
        }
        responses.addApiResponse(
                status, new ApiResponse().description(description).content(problemContent()));
    }

    private static Content problemContent() {
        return new Content()
                .addMediaType(
                        "application/problem+json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA)));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        return new ObjectSchema()
                .description("An RFC 9457 problem")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Not found"))
                .addProperty("status", new IntegerSchema().example(404))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty(
                        "errors",
                        new io.swagger.v3.oas.models.media.ArraySchema()
                                .description("The failing fields of a 400")
                                .items(new ObjectSchema()
                                        .addProperty("field", new StringSchema())
                                        .addProperty("message", new StringSchema())));
    }
}

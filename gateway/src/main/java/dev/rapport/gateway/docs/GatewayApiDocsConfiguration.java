package dev.rapport.gateway.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's own OpenAPI document ({@code /v3/api-docs}): the API it answers itself, with the same bearer scheme. */
@Configuration(proxyBeanMethods = false)
class GatewayApiDocsConfiguration {

    @Bean
    OpenAPI gatewayOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Rapport gateway")
                        .version("v1")
                        .description("What the gateway answers itself: members' API keys and the data export."))
                .servers(List.of(new Server().url("/").description("The Rapport gateway")))
                .components(new Components()
                        .addSecuritySchemes(
                                ApiDocuments.SCHEME,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("A member token (JWT) or, where allowed, an API key (rk_live_…)")))
                .addSecurityItem(new SecurityRequirement().addList(ApiDocuments.SCHEME));
    }

    /**
     * The error answers of the gateway's own operations, as {@code application/problem+json} ({@code Problems}): 401
     * without valid credentials, 403 without the scope, 429 over the rate limit, 404 for an id the caller does not
     * own, 503 when a service (or the gateway's store) cannot answer. An operation's own answer for a status stays.
     */
    @Bean
    OpenApiCustomizer gatewayProblemResponses() {
        return openApi -> {
            openApi.getComponents()
                    .addSchemas(
                            "Problem",
                            new ObjectSchema()
                                    .description("An RFC 9457 problem")
                                    .addProperty("type", new StringSchema())
                                    .addProperty("title", new StringSchema())
                                    .addProperty("status", new IntegerSchema())
                                    .addProperty("detail", new StringSchema())
                                    .addProperty("instance", new StringSchema()));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths()
                    .forEach((path, item) -> item.readOperations().forEach(operation -> {
                        ApiResponses responses = operation.getResponses();
                        problem(responses, "401", "No valid member token or API key");
                        problem(responses, "403", "The credentials do not grant this");
                        problem(responses, "429", "Too many requests: wait as Retry-After says");
                        problem(
                                responses,
                                "503",
                                "A service or the gateway's store cannot answer now: try again later");
                        if (path.contains("{")) {
                            problem(responses, "404", "No such resource of the caller's");
                        }
                    }));
        };
    }

    private static void problem(ApiResponses responses, String status, String description) {
        responses.putIfAbsent(
                status,
                new ApiResponse()
                        .description(description)
                        .content(new Content()
                                .addMediaType(
                                        "application/problem+json",
                                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")))));
    }
}

package dev.rapport.gateway.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
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
}

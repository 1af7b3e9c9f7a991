package dev.rapport.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ApiDocumentsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String SERVICE_DOCUMENT = """
            {"openapi":"3.1.0","info":{"title":"reminders","version":"v1"},
             "servers":[{"url":"http://127.0.0.1:8082","description":"Generated server url"}],
             "paths":{
               "/api/v1/reminders":{"get":{"responses":{"200":{"description":"OK"}}}},
               "/feeds/calendar/{token}.ics":{"get":{"parameters":[{"name":"token","in":"path","required":true,
                 "schema":{"type":"string"}}],"responses":{"200":{"description":"OK"}}}},
               "/internal/sweep":{"post":{"responses":{"200":{"description":"OK"}}}}},
             "components":{"schemas":{"Reminder":{"type":"object"}}}}
            """;

    @Test
    void publishedDocumentIsServedFromTheGatewayWithTheBearerSchemeRequiredEverywhere() {
        JsonNode published = ApiDocuments.publish(JSON.readTree(SERVICE_DOCUMENT));

        assertThat(published.path("servers")).hasSize(1);
        assertThat(published.path("servers").get(0).path("url").asString()).isEqualTo("/");
        JsonNode scheme = published.path("components").path("securitySchemes").path("bearerAuth");
        assertThat(scheme.path("type").asString()).isEqualTo("http");
        assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
        assertThat(published.path("security").get(0).has("bearerAuth")).isTrue();
        assertThat(published.path("components").path("schemas").has("Reminder")).isTrue();
    }

    @Test
    void publicFeedIsShownUnderItsGatewayPathWithoutSecurityAndUnroutedPathsAreDropped() {
        JsonNode paths = ApiDocuments.publish(JSON.readTree(SERVICE_DOCUMENT)).path("paths");

        assertThat(paths.propertyNames())
                .containsExactlyInAnyOrder("/api/v1/reminders", "/api/v1/calendar/{token}.ics");
        JsonNode feed = paths.path("/api/v1/calendar/{token}.ics").path("get");
        assertThat(feed.path("security").isArray()).isTrue();
        assertThat(feed.path("security")).isEmpty();
        assertThat(feed.path("parameters").get(0).path("name").asString()).isEqualTo("token");
    }

    @Test
    void somethingThatIsNotAnOpenApiDocumentIsLeftAlone() {
        JsonNode error = JSON.readTree("{\"status\":503}");

        assertThat(ApiDocuments.publish(error)).isEqualTo(JSON.readTree("{\"status\":503}"));
    }
}

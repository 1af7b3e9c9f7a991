package dev.rapport.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI documents published in docs/openapi/ (linted by {@code scripts/lint-openapi.sh}, read by API consumers
 * and client generators, {@code GeneratedClientJourneyIT}): each module's {@code PublishedOpenApiIT} hands its live
 * document here, which fails when it differs from the committed one until that is regenerated on purpose
 * ({@code -Drapport.openapi.write=true}) and reviewed with the change.
 */
public final class PublishedOpenApi {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private PublishedOpenApi() {}

    /** Checks (or with {@code -Drapport.openapi.write=true} writes) docs/openapi/{@code name}.json. */
    public static void assertPublished(JsonNode live, String name) {
        // The server is where this test's instance happens to listen: published, it is the gateway (ApiDocuments).
        ((ObjectNode) live).putArray("servers").addObject().put("url", "/").put("description", "The Rapport gateway");
        Path published = Path.of("..", "docs", "openapi", name + ".json");
        try {
            if (Boolean.getBoolean("rapport.openapi.write")) {
                Files.writeString(published, JSON.writeValueAsString(live) + "\n", StandardCharsets.UTF_8);
            }
            JsonNode committed = JSON.readTree(Files.readString(published, StandardCharsets.UTF_8));
            assertThat(live)
                    .as("docs/openapi/" + name + ".json differs from the live document: if the change is intended,"
                            + " regenerate it with -Drapport.openapi.write=true and commit it")
                    .isEqualTo(committed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

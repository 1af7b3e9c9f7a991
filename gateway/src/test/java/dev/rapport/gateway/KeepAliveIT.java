package dev.rapport.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.rapport.gateway.support.RawHttpConnection.getRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.gateway.support.Backends;
import dev.rapport.gateway.support.GatewayIntegrationTest;
import dev.rapport.gateway.support.RawHttpConnection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A keep-alive connection goes on being read on both ports (Reactor Netty 1.3 could stop reading it, see
 * {@code dev.rapport.gateway.server.KeepAliveReadResumer}).
 *
 * <p>Each test sends two requests in one write, so that the second one waits in Reactor Netty's queue while the first
 * is answered from another thread; the second is then answered at once, on the event loop. That is the sequence after
 * which the server stopped reading: the third request on the connection was never answered. A quick keep-alive client
 * (a health checker, a scraper, the portal) could get there without pipelining, by chance of timing.
 */
class KeepAliveIT extends GatewayIntegrationTest {

    /** Far longer than any answer here; without the workaround the third one never comes. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void managementPortKeepsReadingAKeepAliveConnection() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(managementPort, READ_TIMEOUT)) {
            // The scrape is a blocking operation, answered from a boundedElastic thread; the 401 comes at once.
            connection.send(getRequest("/actuator/prometheus"), getRequest("/actuator/env"));
            assertThat(connection.readResponse()).isEqualTo(200);
            assertThat(connection.readResponse()).isEqualTo(401);

            connection.send(getRequest("/actuator/health/readiness"));
            assertThat(connection.readResponse()).isEqualTo(200);
        }
    }

    @Test
    void publicPortKeepsReadingAKeepAliveConnection() throws Exception {
        Backends.contacts().resetAll();
        Backends.contacts()
                .stubFor(get(urlPathEqualTo("/v3/api-docs"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"openapi\":\"3.1.0\"}")));

        try (RawHttpConnection connection = new RawHttpConnection(port, READ_TIMEOUT)) {
            // The proxied answer comes when the service has answered; the 401 (no token) comes at once.
            connection.send(getRequest("/v3/api-docs/contacts"), getRequest("/api/v1/contacts"));
            assertThat(connection.readResponse()).isEqualTo(200);
            assertThat(connection.readResponse()).isEqualTo(401);

            connection.send(getRequest("/v3/api-docs/contacts"));
            assertThat(connection.readResponse()).isEqualTo(200);
        }
    }
}

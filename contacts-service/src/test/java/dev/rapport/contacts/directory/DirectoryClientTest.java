package dev.rapport.contacts.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.rapport.support.outbound.OutboundGuard;
import dev.rapport.support.outbound.OutboundProperties;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DirectoryClientTest {

    private HttpServer directory;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        directory = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        directory.createContext("/", exchange -> {
            seen.add(exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            if (exchange.getRequestURI().getPath().startsWith("/moved/")) {
                exchange.getResponseHeaders().add("Location", "/elsewhere/profiles");
                exchange.sendResponseHeaders(302, -1);
            } else {
                byte[] body = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        directory.start();
    }

    @AfterEach
    void stop() {
        directory.stop(0);
    }

    private DirectoryClient client(boolean allowPrivate) {
        DirectoryProperties settings = new DirectoryProperties(null, 0, 1, null, null, null, null, null, Map.of());
        return new DirectoryClient(
                settings,
                JsonMapper.builder().build(),
                duration -> {},
                Clock.systemUTC(),
                new OutboundGuard(new OutboundProperties(allowPrivate, false)));
    }

    private DirectoryProperties.Tenant tenant(String path) {
        return new DirectoryProperties.Tenant(
                "http://127.0.0.1:" + directory.getAddress().getPort() + path, "secret-token");
    }

    @Test
    void aDirectoryOnLoopbackIsRefusedWithTheSwitchOffAndNeverCalled() throws Exception {
        try (DirectoryClient client = client(false)) {
            assertThatThrownBy(() -> client.page(tenant("/t"), null, null))
                    .isInstanceOf(DirectoryClient.DirectoryUnavailableException.class)
                    .hasMessageContaining("refused");
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void aRedirectIsNotFollowedSoTheTokenGoesNowhereElse() throws Exception {
        try (DirectoryClient client = client(true)) {
            assertThat(client.page(tenant("/t"), null, null).profiles()).isEmpty();
            assertThatThrownBy(() -> client.page(tenant("/moved"), null, null))
                    .isInstanceOf(DirectoryClient.DirectoryUnavailableException.class)
                    .hasMessageContaining("redirected");
        }
        assertThat(seen).containsExactly("/t/profiles Bearer secret-token", "/moved/profiles Bearer secret-token");
    }
}

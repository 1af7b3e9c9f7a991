package dev.rapport.support.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboundHttpTest {

    private HttpServer server;
    private final List<String> hostHeaders = new CopyOnWriteArrayList<>();
    private final AtomicInteger hits = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hello", exchange -> {
            hits.incrementAndGet();
            hostHeaders.add(exchange.getRequestHeaders().getFirst("Host"));
            byte[] body = "hello, world".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/redirect", exchange -> {
            hits.incrementAndGet();
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    /** A resolver that knows one made-up name, pointing at this test's loopback receiver. */
    private static OutboundGuard guard(boolean allowPrivate) {
        return new OutboundGuard(new OutboundProperties(allowPrivate, false), host -> {
            if (host.equals("receiver.test")) {
                return new InetAddress[] {InetAddress.getLoopbackAddress()};
            }
            throw new UnknownHostException(host);
        });
    }

    @Test
    void connectsToTheAddressTheGuardCheckedAndKeepsTheHostName() throws Exception {
        try (OutboundHttp http = new OutboundHttp(guard(true), Duration.ofSeconds(2), Duration.ofSeconds(2))) {
            OutboundHttp.Response response = http.send(
                    "GET", URI.create("http://receiver.test:" + port() + "/hello"), Map.of(), null, null, 100);
            assertThat(response.status()).isEqualTo(200);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("hello, world");
        }
        // The system resolver does not know receiver.test: only the guard's answer can have been connected to.
        assertThat(hostHeaders).containsExactly("receiver.test:" + port());
    }

    /**
     * A server that answers each connection's first request as if it kept the connection open, then closes it: the
     * client's next request on that pooled connection gets no answer.
     */
    private static final class DroppingServer implements AutoCloseable {
        final java.net.ServerSocket socket;
        final AtomicInteger answered = new AtomicInteger();
        final Thread acceptor;

        DroppingServer() throws java.io.IOException {
            socket = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (java.net.Socket connection = socket.accept()) {
                        var in = new java.io.BufferedReader(
                                new java.io.InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
                        String line;
                        int length = 0;
                        while ((line = in.readLine()) != null && !line.isEmpty()) {
                            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                                length = Integer.parseInt(line.substring(15).trim());
                            }
                        }
                        in.skip(length);
                        // Counted before the answer is written: the client may read it and the test check the count
                        // before this thread would get to count it afterwards.
                        answered.incrementAndGet();
                        connection
                                .getOutputStream()
                                .write(("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n" + "Connection: keep-alive\r\n\r\nok")
                                        .getBytes(StandardCharsets.US_ASCII));
                        connection.getOutputStream().flush();
                    } catch (java.io.IOException closed) {
                        // the test is over
                    }
                }
            });
        }

        URI uri(String path) {
            return URI.create("http://receiver.test:" + socket.getLocalPort() + path);
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    @Test
    void aSafeRequestOnAConnectionTheServerDroppedIsSentOnceMore() throws Exception {
        try (DroppingServer dropping = new DroppingServer();
                OutboundHttp http = new OutboundHttp(guard(true), Duration.ofSeconds(2), Duration.ofSeconds(2))) {
            for (String method : List.of("GET", "REPORT", "GET")) {
                OutboundHttp.Response response = http.send(method, dropping.uri("/calendar"), Map.of(), null, null, 10);
                assertThat(response.status()).as(method).isEqualTo(200);
                assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
            }
            assertThat(dropping.answered).hasValue(3);
        }
    }

    @Test
    void aWriteOnAConnectionTheServerDroppedIsNotSentAgain() throws Exception {
        try (DroppingServer dropping = new DroppingServer();
                OutboundHttp http = new OutboundHttp(guard(true), Duration.ofSeconds(2), Duration.ofSeconds(2))) {
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            assertThat(http.send("POST", dropping.uri("/hook"), Map.of(), body, "application/json", 10)
                            .status())
                    .isEqualTo(200);
            assertThatThrownBy(() -> http.send("POST", dropping.uri("/hook"), Map.of(), body, "application/json", 10))
                    .isInstanceOf(java.io.IOException.class);
            assertThat(dropping.answered).hasValue(1);
        }
    }

    @Test
    void refusesAtConnectionTimeEvenWithoutAPriorCheck() {
        try (OutboundHttp http = new OutboundHttp(guard(false), Duration.ofSeconds(2), Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> http.send(
                            "GET", URI.create("https://receiver.test:" + port() + "/hello"), Map.of(), null, null, 100))
                    .isInstanceOf(OutboundRefusedException.class);
            assertThatThrownBy(() -> http.send(
                            "GET", URI.create("https://127.0.0.1:" + port() + "/hello"), Map.of(), null, null, 100))
                    .isInstanceOf(OutboundRefusedException.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(hits).hasValue(0);
    }

    @Test
    void followsNoRedirect() throws Exception {
        try (OutboundHttp http = new OutboundHttp(guard(true), Duration.ofSeconds(2), Duration.ofSeconds(2))) {
            OutboundHttp.Response response = http.send(
                    "GET",
                    URI.create("http://receiver.test:" + port() + "/redirect"),
                    Map.of("Authorization", "Bearer secret"),
                    null,
                    null,
                    100);
            assertThat(response.status()).isEqualTo(302);
            assertThat(response.header("Location")).hasValue("http://169.254.169.254/latest/meta-data/");
        }
        assertThat(hits).hasValue(1);
    }

    @Test
    void keepsNoMoreOfTheBodyThanAsked() throws Exception {
        try (OutboundHttp http = new OutboundHttp(guard(true), Duration.ofSeconds(2), Duration.ofSeconds(2))) {
            OutboundHttp.Response response =
                    http.send("GET", URI.create("http://receiver.test:" + port() + "/hello"), Map.of(), null, null, 5);
            assertThat(response.truncated()).isTrue();
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }
}

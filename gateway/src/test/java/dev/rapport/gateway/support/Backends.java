package dev.rapport.gateway.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The three services as WireMock servers, one JVM-wide set shared by every integration test (like the gateway's
 * Spring context). A service can be stopped and started again on the same port to simulate an outage.
 */
public final class Backends {

    private static final WireMockServer contacts = start(0);
    private static WireMockServer reminders = start(0);
    private static final int REMINDERS_PORT = reminders.port();
    private static final WireMockServer content = start(0);

    private Backends() {}

    public static WireMockServer contacts() {
        return contacts;
    }

    public static synchronized WireMockServer reminders() {
        return reminders;
    }

    public static WireMockServer content() {
        return content;
    }

    /** Takes the reminders service down: connections to its port are refused. */
    public static synchronized void stopReminders() {
        reminders.stop();
    }

    /** Brings the reminders service back, empty, on the port the gateway knows. */
    public static synchronized WireMockServer restartReminders() {
        reminders = start(REMINDERS_PORT);
        return reminders;
    }

    private static WireMockServer start(int port) {
        WireMockServer server = new WireMockServer(options().port(port).bindAddress("127.0.0.1"));
        server.start();
        return server;
    }
}

package dev.rapport.reminders.support;

import dev.rapport.testkit.ApiClient;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An API test that speaks as a new member in every test, the clock set back to {@link RemindersIntegrationTest#START}. */
public abstract class AsNewMember {

    @LocalServerPort
    protected int port;

    @Autowired
    protected Clock clock;

    protected ApiClient api;

    @BeforeEach
    void newMember() {
        ((MutableClock) clock).set(RemindersIntegrationTest.START);
        api = ApiClient.asMember(port, "member-" + UUID.randomUUID());
    }
}

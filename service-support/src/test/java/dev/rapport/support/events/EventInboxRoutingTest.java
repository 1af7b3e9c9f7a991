package dev.rapport.support.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.rapport.contracts.events.ContactAdded;
import dev.rapport.contracts.events.ContactArchived;
import dev.rapport.contracts.events.DomainEvent;
import dev.rapport.contracts.events.EventCatalog;
import dev.rapport.contracts.events.MemberDataErased;
import dev.rapport.contracts.events.MemberErasureRequested;
import dev.rapport.support.RapportProperties;
import dev.rapport.support.privacy.MemberErasure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

/** The inbox spends no store operation on an event type its handler does not act on, and handles the others. */
class EventInboxRoutingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant AT = Instant.parse("2026-03-10T09:00:00Z");

    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private EventInbox inbox;
    private MemberErasure erasure;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        CommandListener recorder = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                commands.add(event.getCommandName());
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + address.getPort()))
                .addCommandListener(recorder)
                .build());
        mongo = new MongoTemplate(client, "inbox");
        RapportProperties properties = new RapportProperties(
                EventCatalog.Area.REMINDERS, "secret-secret-secret-secret-secret", null, null, null);
        inbox = new EventInbox(mongo, JSON, Clock.systemUTC(), meters, properties);
        erasure = new MemberErasure(mongo, null, null, Clock.systemUTC(), properties);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void anEventOfATypeNoRouteActsOnCostsNoStoreOperationAndIsCountedAsNotActedOn() {
        List<String> handled = new CopyOnWriteArrayList<>();
        EventHandler handler =
                erasure.guarding(new EventRoutes().on(ContactArchived.class, e -> handled.add(e.eventId())));

        inbox.receive(message(added("ev-added")), handler);

        assertThat(handled).isEmpty();
        assertThat(commands).isEmpty();
        assertThat(outcome("not-acted-on")).isEqualTo(1.0);
    }

    @Test
    void anEventOfARoutedTypeIsCheckedHandledAndRememberedAsBefore() {
        List<String> handled = new CopyOnWriteArrayList<>();
        EventHandler handler =
                erasure.guarding(new EventRoutes().on(ContactArchived.class, e -> handled.add(e.eventId())));
        Message<byte[]> archived =
                message(new ContactArchived("ev-archived", AT, "member-ana", "tenant-1", "c-1", "Ana"));

        inbox.receive(archived, handler);
        inbox.receive(archived, handler);

        assertThat(handled).containsExactly("ev-archived");
        assertThat(mongo.getCollection(EventInbox.COLLECTION).countDocuments()).isEqualTo(1);
        assertThat(outcome("processed")).isEqualTo(1.0);
        assertThat(outcome("duplicate")).isEqualTo(1.0);
    }

    @Test
    void theErasureGuardActsOnErasureRequestsAndOnWhatItsHandlerActsOn() {
        EventHandler nothingRouted = erasure.guarding(new EventRoutes());
        EventHandler confirmations = erasure.guarding(new EventRoutes().on(MemberDataErased.class, e -> {}));

        assertThat(nothingRouted.actsOn(MemberErasureRequested.class)).isTrue();
        assertThat(nothingRouted.actsOn(MemberDataErased.class)).isFalse();
        assertThat(nothingRouted.actsOn(ContactAdded.class)).isFalse();
        assertThat(confirmations.actsOn(MemberDataErased.class)).isTrue();
        // A plain function acts on every type, as every handler did before routes.
        EventHandler function = event -> {};
        assertThat(function.actsOn(ContactAdded.class)).isTrue();
    }

    @Test
    void routesDispatchByExactTypeAndATypeCannotBeRoutedTwice() {
        List<String> seen = new CopyOnWriteArrayList<>();
        EventRoutes routes = new EventRoutes()
                .on(ContactArchived.class, e -> seen.add("archived " + e.eventId()))
                .on(ContactAdded.class, e -> seen.add("added " + e.eventId()));

        routes.handle(added("ev-1"));
        routes.handle(new ContactArchived("ev-2", AT, "member-ana", "tenant-1", "c-1", "Ana"));

        assertThat(seen).containsExactly("added ev-1", "archived ev-2");
        assertThatThrownBy(() -> routes.on(ContactAdded.class, e -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ContactAdded");
    }

    private double outcome(String outcome) {
        return meters.find("rapport.events.consumed").tag("outcome", outcome).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private static ContactAdded added(String id) {
        return new ContactAdded(id, AT, "member-ana", "tenant-1", "c-1", "Ana", null, List.of(), List.of(), "linkedin");
    }

    private static Message<byte[]> message(DomainEvent event) {
        return MessageBuilder.withPayload(JSON.writeValueAsBytes(event))
                .setHeader(CloudEventHeaders.ID, event.eventId())
                .setHeader(CloudEventHeaders.TYPE, EventCatalog.typeName(EventCatalog.Area.CONTACTS, event.getClass()))
                .build();
    }
}

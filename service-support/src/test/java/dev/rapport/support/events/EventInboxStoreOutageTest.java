package dev.rapport.support.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.rapport.contracts.events.ContactArchived;
import dev.rapport.contracts.events.EventCatalog;
import dev.rapport.support.RapportProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

/** The inbox while its store is down: the record waits for the store instead of failing towards the dead letters. */
class EventInboxStoreOutageTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MongoServer server;
    private MongoClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.shutdownNow();
        }
    }

    @Test
    void anEventConsumedWhileTheStoreIsDownIsProcessedOnceTheStoreIsBackInsteadOfFailingTowardsTheDeadLetters()
            throws Exception {
        int port = freePort();
        client = client(port);
        List<String> handled = new CopyOnWriteArrayList<>();
        EventInbox inbox = inbox(Duration.ofSeconds(30));

        // The store is down when the record arrives; it comes back a moment later.
        CompletableFuture<Void> consumed =
                CompletableFuture.runAsync(() -> inbox.receive(message("ev-1"), event -> handled.add(event.eventId())));
        assertThat(consumed).isNotDone();
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", port);

        consumed.get(20, TimeUnit.SECONDS);
        assertThat(handled).containsExactly("ev-1");
        // Recorded as processed: a redelivery is skipped.
        inbox.receive(message("ev-1"), event -> handled.add(event.eventId()));
        assertThat(handled).containsExactly("ev-1");
    }

    @Test
    void aStoreDownForLongerThanTheWaitFailsTheDeliveryAsAnyOtherError() {
        client = client(freePort());
        EventInbox inbox = inbox(Duration.ofMillis(500));

        assertThatThrownBy(() -> inbox.receive(message("ev-2"), event -> {})).isInstanceOf(MongoTimeoutException.class);
    }

    private EventInbox inbox(Duration storeOutageWait) {
        return new EventInbox(
                new MongoTemplate(client, "inbox"),
                JSON,
                Clock.systemUTC(),
                new SimpleMeterRegistry(),
                new RapportProperties(
                        EventCatalog.Area.CONTACTS, "secret-secret-secret-secret-secret", null, null, null),
                storeOutageWait);
    }

    private static MongoClient client(int port) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(300, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(300, TimeUnit.MILLISECONDS))
                .build());
    }

    private static Message<byte[]> message(String id) {
        ContactArchived event =
                new ContactArchived(id, Instant.parse("2026-03-10T09:00:00Z"), "member-ana", "tenant-1", "c-1", "Ana");
        return MessageBuilder.withPayload(JSON.writeValueAsBytes(event))
                .setHeader(CloudEventHeaders.ID, id)
                .setHeader(
                        CloudEventHeaders.TYPE,
                        EventCatalog.typeName(EventCatalog.Area.CONTACTS, ContactArchived.class))
                .build();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

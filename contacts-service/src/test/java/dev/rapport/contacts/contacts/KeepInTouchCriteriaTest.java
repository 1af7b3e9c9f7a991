package dev.rapport.contacts.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.rapport.contacts.domain.KeepInTouch;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The criteria the sweep and the list filter query by select exactly the contacts the rules of {@link KeepInTouch}
 * hold for, on the boundaries where a restated rule would drift: due exactly now, a millisecond either side, the end
 * of "due soon", archived, already stale.
 */
class KeepInTouchCriteriaTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration MS = Duration.ofMillis(1);

    private static MongoServer server;
    private static MongoClient client;
    private static MongoTemplate mongo;
    private static List<ContactDocument> contacts;

    @BeforeAll
    static void storeBoundaryCases() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        mongo = new MongoTemplate(client, "keep-in-touch-criteria");
        Instant soon = NOW.plus(KeepInTouch.DUE_SOON);
        contacts = List.of(
                contact("overdue", NOW.minus(MS), false, false),
                contact("long-overdue", NOW.minus(Duration.ofDays(400)), false, false),
                contact("due-exactly-now", NOW, false, false),
                contact("due-just-after-now", NOW.plus(MS), false, false),
                contact("overdue-archived", NOW.minus(MS), false, true),
                contact("overdue-already-stale", NOW.minus(MS), true, false),
                contact("overdue-stale-and-archived", NOW.minus(MS), true, true),
                contact("stale-no-longer-overdue", NOW.plus(MS), true, false),
                contact("end-of-due-soon", soon.minus(MS), false, false),
                contact("due-exactly-a-week-ahead", soon, false, false),
                contact("far-ahead", NOW.plus(Duration.ofDays(90)), false, false));
        contacts.forEach(mongo::insert);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdown();
    }

    @Test
    void theSweepsQueryFindsExactlyTheContactsWhoseCadenceLapsedByTheRule() {
        Set<String> byRule = contacts.stream()
                .filter(c -> KeepInTouch.lapsed(c.nextTouchDueAt, c.stale, c.archived, NOW))
                .map(ContactDocument::getId)
                .collect(Collectors.toSet());

        assertThat(found(new Query(KeepInTouchCriteria.lapsed(NOW))))
                .isEqualTo(byRule)
                .containsExactlyInAnyOrder("overdue", "long-overdue");
    }

    @Test
    void eachStatusFilterFindsExactlyTheContactsTheRuleGivesThatStatus() {
        for (KeepInTouch.Status status : KeepInTouch.Status.values()) {
            Set<String> byRule = contacts.stream()
                    .filter(c -> KeepInTouch.status(c.nextTouchDueAt, NOW) == status)
                    .map(ContactDocument::getId)
                    .collect(Collectors.toSet());

            assertThat(found(new Query(KeepInTouchCriteria.inStatus(status, NOW))))
                    .as(status.id())
                    .isEqualTo(byRule)
                    .isNotEmpty();
        }
        assertThat(found(new Query(KeepInTouchCriteria.inStatus(KeepInTouch.Status.DUE_SOON, NOW))))
                .contains("due-exactly-now", "end-of-due-soon")
                .doesNotContain("due-exactly-a-week-ahead");
    }

    private static Set<String> found(Query query) {
        return mongo.find(query, ContactDocument.class).stream()
                .map(ContactDocument::getId)
                .collect(Collectors.toSet());
    }

    private static ContactDocument contact(String id, Instant due, boolean stale, boolean archived) {
        ContactDocument contact = new ContactDocument(id, "member-1", "tenant-1", NOW.minus(Duration.ofDays(500)));
        contact.nextTouchDueAt = due;
        contact.stale = stale;
        contact.archived = archived;
        return contact;
    }
}

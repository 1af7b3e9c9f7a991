package dev.rapport.contacts.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.rapport.contacts.contacts.ContactQueries;
import dev.rapport.contacts.contacts.ContactService;
import dev.rapport.contacts.interactions.InteractionService;
import dev.rapport.contracts.identity.IdentityAssertion;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class HealthServiceTest {

    private static final Instant NOW = Instant.parse("2026-06-10T08:00:00Z");

    private final ContactQueries contacts = mock(ContactQueries.class);
    private final InteractionService interactions = mock(InteractionService.class);
    private final HealthService health =
            new HealthService(mock(ContactService.class), contacts, interactions, Clock.fixed(NOW, ZoneOffset.UTC));

    private static IdentityAssertion member(String id) {
        return new IdentityAssertion(id, "alumni", Set.of("contacts:read"), NOW.plusSeconds(60));
    }

    @Test
    void callersAskingForOneMembersViewWhileItIsComputedShareThatOneReadingOfTheNetwork() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger readings = new AtomicInteger();
        when(interactions.since(eq("m"), any())).thenAnswer(call -> {
            readings.incrementAndGet();
            reading.countDown();
            assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            return Stream.empty();
        });
        when(interactions.withOpenPromises("m")).thenAnswer(call -> Stream.empty());
        when(contacts.stream("m", false)).thenAnswer(call -> Stream.empty());

        CompletableFuture<HealthService.NetworkHealth> first = new CompletableFuture<>();
        Thread firstCaller = Thread.ofVirtual().start(() -> first.complete(health.ofNetwork(member("m"))));
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HealthService.NetworkHealth> second = new CompletableFuture<>();
        Thread secondCaller = Thread.ofPlatform().start(() -> second.complete(health.ofNetwork(member("m"))));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (secondCaller.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(secondCaller.getState())
                .as("the second caller waits for the first one's reading")
                .isEqualTo(Thread.State.WAITING);
        release.countDown();
        firstCaller.join(10_000);
        secondCaller.join(10_000);

        assertThat(second.get(10, TimeUnit.SECONDS)).isSameAs(first.get(10, TimeUnit.SECONDS));
        assertThat(readings).as("one reading of the network for both").hasValue(1);

        health.ofNetwork(member("m"));
        assertThat(readings).as("a caller after the reading ended reads again").hasValue(2);
    }

    @Test
    void aFailedReadingFailsEveryCallerWaitingForItAndTheNextCallerReadsAgain() {
        when(interactions.since(eq("m"), any()))
                .thenThrow(new IllegalStateException("store down"))
                .thenAnswer(call -> Stream.empty());
        when(interactions.withOpenPromises("m")).thenAnswer(call -> Stream.empty());
        when(contacts.stream("m", false)).thenAnswer(call -> Stream.empty());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> health.ofNetwork(member("m")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("store down");
        assertThat(health.ofNetwork(member("m")).contacts()).isZero();
    }
}

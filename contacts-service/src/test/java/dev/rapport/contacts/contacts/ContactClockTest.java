package dev.rapport.contacts.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.rapport.contacts.domain.Tier;
import dev.rapport.support.events.Aggregates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;

/** An interaction's request moves a contact's clock from the contact it has just read, and reads again on conflict. */
class ContactClockTest {

    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

    private final ContactRepository repository = mock(ContactRepository.class);
    private final Aggregates aggregates = mock(Aggregates.class);
    private final ContactClock clocks = new ContactClock(
            repository,
            mock(MongoTemplate.class),
            aggregates,
            mock(MemberCadences.class),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theContactJustReadIsMovedWithoutReadingItAgain() {
        ContactDocument read = contact();

        clocks.touch("m1", "c1", NOW.minus(Duration.ofHours(1)), "Coffee", "i1", read);

        verify(repository, never()).findOwned(any(), any());
        verify(aggregates).save(read);
        assertThat(read.lastInteractionAt).isEqualTo(NOW.minus(Duration.ofHours(1)));
    }

    @Test
    void aContactChangedSinceItWasReadIsReadAgainAndMoved() {
        ContactDocument stale = contact();
        ContactDocument current = contact();
        when(aggregates.save(stale)).thenThrow(new OptimisticLockingFailureException("changed meanwhile"));
        when(repository.findOwned("c1", "m1")).thenReturn(Optional.of(current));

        clocks.touch("m1", "c1", NOW.minus(Duration.ofHours(1)), "Coffee", "i1", stale);

        verify(repository, times(1)).findOwned("c1", "m1");
        verify(aggregates).save(current);
        assertThat(current.lastInteractionAt).isEqualTo(NOW.minus(Duration.ofHours(1)));
    }

    @Test
    void withoutAContactReadTheClockReadsIt() {
        ContactDocument stored = contact();
        when(repository.findOwned("c1", "m1")).thenReturn(Optional.of(stored));

        clocks.touch("m1", "c1", NOW.minus(Duration.ofHours(1)), "Coffee", "i1");

        verify(aggregates).save(stored);
    }

    private static ContactDocument contact() {
        ContactDocument contact = new ContactDocument("c1", "m1", "t1", NOW.minus(Duration.ofDays(40)));
        contact.tier = Tier.REGULAR;
        return contact;
    }
}

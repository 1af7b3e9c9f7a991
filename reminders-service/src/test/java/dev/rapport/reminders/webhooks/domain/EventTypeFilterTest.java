package dev.rapport.reminders.webhooks.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventTypeFilterTest {

    @Test
    void exactTypesAndDotEndedPrefixesMatchAndNothingElseDoes() {
        var filter = new EventTypeFilter(List.of("rapport.reminders.", "rapport.contacts.ContactGoneStale.v1"));

        assertThat(filter.wants("rapport.reminders.ReminderCreated.v1")).isTrue();
        assertThat(filter.wants("rapport.contacts.ContactGoneStale.v1")).isTrue();
        assertThat(filter.wants("rapport.contacts.ContactGoneStale.v2")).isFalse();
        assertThat(filter.wants("rapport.contacts.ContactAdded.v1")).isFalse();
        assertThat(filter.wants("rapport.remindersX.ReminderCreated.v1")).isFalse();
    }

    @Test
    void patternsThatAreNeitherATypeNorAPrefixAreRefused() {
        assertThat(EventTypeFilter.problemWith(List.of("rapport.", "rapport.content.", "rapport.contacts.Contact")))
                .isPresent(); // a prefix must end in a dot
        assertThat(EventTypeFilter.problemWith(List.of("rapport.", "rapport.content.", "rapport.contacts.")))
                .isEmpty();
        assertThat(EventTypeFilter.problemWith(List.of("*"))).isPresent();
        assertThat(EventTypeFilter.problemWith(List.of("contacts.ContactAdded.v1")))
                .isPresent();
        assertThat(EventTypeFilter.problemWith(List.of())).isPresent();
    }

    @Test
    void anEventIsReadableOnlyWithAScopeOfItsArea() {
        assertThat(EventTypeFilter.readable("rapport.contacts.ContactAdded.v1", Set.of("contacts:read")))
                .isTrue();
        assertThat(EventTypeFilter.readable("rapport.contacts.ContactAdded.v1", Set.of("contacts:write")))
                .isTrue();
        assertThat(EventTypeFilter.readable("rapport.contacts.ContactAdded.v1", Set.of("reminders:write")))
                .isFalse();
    }
}

package dev.rapport.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class IndexCoverageTest {

    static final List<IndexCoverage.Index> INDEXES = List.of(
            new IndexCoverage.Index("reminders", "member_due", List.of("memberId", "dueOn", "_id")),
            new IndexCoverage.Index("routines", "next_due", List.of("nextDueOn")),
            new IndexCoverage.Index("interactions", "contact", List.of("memberId", "contactIds", "-occurredAt")));

    static boolean served(String collection, String filter, String sort) {
        return QueryShape.of(collection, "find", BsonDocument.parse(filter), BsonDocument.parse(sort)).stream()
                .allMatch(shape -> IndexCoverage.served(shape, INDEXES));
    }

    @Test
    void anIdLookupIsAlwaysServedAndAnUnfilteredReadNever() {
        assertThat(served("anything", "{_id: 'x', memberId: 'm'}", "{}")).isTrue();
        assertThat(served("anything", "{_id: {$in: ['x', 'y']}}", "{}")).isTrue();
        assertThat(served("reminders", "{}", "{}")).isFalse();
    }

    @Test
    void equalityFieldsMustLeadTheIndexAndTheSortFollowThem() {
        assertThat(served("reminders", "{memberId: 'm', status: 'open'}", "{dueOn: 1, _id: 1}"))
                .isTrue();
        assertThat(served("reminders", "{status: 'open'}", "{}")).isFalse();
        assertThat(served("reminders", "{memberId: 'm'}", "{createdAt: 1}")).isFalse();
        assertThat(served("reminders", "{memberId: 'm'}", "{_id: 1}")).isFalse();
    }

    @Test
    void aSortIsServedInTheIndexDirectionOrWhollyReversed() {
        assertThat(served("interactions", "{memberId: 'm', contactIds: 'c'}", "{occurredAt: -1}"))
                .isTrue();
        assertThat(served("interactions", "{memberId: 'm', contactIds: 'c'}", "{occurredAt: 1}"))
                .isTrue();
        assertThat(served("reminders", "{memberId: 'm'}", "{dueOn: 1, _id: -1}"))
                .isFalse();
    }

    @Test
    void aRangeAloneNeedsAnIndexStartingWithItAndEveryOrBranchMustBeServed() {
        assertThat(served("routines", "{nextDueOn: {$lte: 3}}", "{nextDueOn: 1}"))
                .isTrue();
        assertThat(served("routines", "{rrule: {$exists: true}}", "{}")).isFalse();
        assertThat(served(
                        "reminders",
                        "{memberId: 'm', $or: [{dueOn: {$gt: 1}}, {dueOn: 1, _id: {$gt: 'x'}}]}",
                        "{dueOn: 1, _id: 1}"))
                .isTrue();
        assertThat(served("reminders", "{$or: [{memberId: 'm'}, {status: 'open'}]}", "{}"))
                .isFalse();
        assertThat(served("reminders", "{memberId: 'm', $expr: {$gt: ['$a', '$b']}}", "{}"))
                .isFalse();
    }
}

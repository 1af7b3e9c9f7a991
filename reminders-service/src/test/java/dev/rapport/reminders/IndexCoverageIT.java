package dev.rapport.reminders;

import dev.rapport.support.events.SupportIndexes;
import dev.rapport.support.mongo.IndexDeclaration;
import dev.rapport.testkit.IndexCoverage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other integration test of the service (junit-platform.properties orders classes) and checks
 * each query and update they made the service send against the indexes it declares.
 */
@Order(Integer.MAX_VALUE)
class IndexCoverageIT {

    static List<IndexCoverage.Index> declared() {
        List<IndexDeclaration> all = new ArrayList<>(RemindersIndexes.ALL);
        all.addAll(SupportIndexes.defaults());
        return all.stream()
                .map(index -> new IndexCoverage.Index(index.collection(), index.name(), index.keys()))
                .toList();
    }

    @Test
    void everyQueryTheServiceSendsIsServedByADeclaredIndex() {
        IndexCoverage.of(declared())
                .excludingCaller(
                        "dev.rapport.support.privacy.MemberDataPurge",
                        "erasure: once per member, it deletes the member's documents from every collection")
                .excludingCaller(
                        "dev.rapport.support.events.OutboxMarkers.backlog",
                        "the backlog gauge counts the markers collection, which is the backlog itself")
                .assertEveryQueryServed();
    }
}

package dev.rapport.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The provisioned dashboards are loadable and complete (which metrics exist is the end-to-end test's job). */
class DashboardsTest {

    final OpsDefinitions ops = OpsDefinitions.find(Path.of(""));

    @Test
    void theThreeDashboardsExistWithUniqueIdsAndPanelsThatQueryPrometheus() {
        assertThat(ops.dashboards())
                .map(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("overview.json", "event-flow.json", "member-outcomes.json");
        Set<Object> uids = new HashSet<>();
        for (Path file : ops.dashboards()) {
            Map<String, Object> dashboard = OpsDefinitions.load(file);
            assertThat(uids.add(dashboard.get("uid"))).as(file + " uid").isTrue();
            List<Map<String, Object>> panels = OpsDefinitions.maps(dashboard.get("panels"));
            assertThat(panels).as(file.toString()).isNotEmpty().allSatisfy(panel -> {
                assertThat(panel.get("datasource")).isEqualTo(Map.of("type", "prometheus", "uid", "prometheus"));
                assertThat(OpsDefinitions.maps(panel.get("targets")))
                        .as(String.valueOf(panel.get("title")))
                        .isNotEmpty();
            });
        }
    }

    @Test
    void theDatasourceTheDashboardsNameIsProvisioned() {
        Map<String, Object> provisioning =
                OpsDefinitions.load(ops.root().resolve("grafana/provisioning/datasources/prometheus.yml"));
        assertThat(OpsDefinitions.maps(provisioning.get("datasources")))
                .anySatisfy(
                        ds -> assertThat(ds).containsEntry("uid", "prometheus").containsEntry("type", "prometheus"));
    }
}

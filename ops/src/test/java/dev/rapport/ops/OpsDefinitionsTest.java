package dev.rapport.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OpsDefinitionsTest {

    @Test
    void metricNamesLeaveOutFunctionsLabelsRangesAndNumbers() {
        assertThat(OpsDefinitions.metricNames(
                        "sum by (job, uri) (rate(http_server_requests_seconds_count{job=~\"$job\",status=~\"5..\"}[5m]))"
                                + " / ignoring(status) sum by (job) (rate(http_server_requests_seconds_sum[5m])) > 0.05"
                                + " and rapport_outbox_pending offset 5m > 1e3"))
                .containsExactlyInAnyOrder(
                        "http_server_requests_seconds_count",
                        "http_server_requests_seconds_sum",
                        "rapport_outbox_pending");
    }

    @Test
    void everyDashboardAndRuleExpressionIsFoundWithItsMetrics() {
        OpsDefinitions ops = OpsDefinitions.find(Path.of(""));
        assertThat(ops.metricUses())
                .containsKeys(
                        "rapport_events_published_total",
                        "rapport_events_consumed_total",
                        "rapport_deadletters_open",
                        "rapport_outbox_oldest_age_seconds",
                        "spring_cloud_stream_binder_kafka_offset",
                        "up");
        assertThat(ops.expressions())
                .allSatisfy(
                        (where, expr) -> assertThat(expr).as(where).isNotBlank().isNotEqualTo("null"));
    }
}

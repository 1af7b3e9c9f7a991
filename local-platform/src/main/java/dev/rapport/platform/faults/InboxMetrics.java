package dev.rapport.platform.faults;

import dev.rapport.platform.Service;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service's inbox counters ({@code rapport.events.consumed}, by outcome), read from its Prometheus endpoint. */
final class InboxMetrics {

    private static final Pattern CONSUMED =
            Pattern.compile("^rapport_events_consumed_total\\{[^}]*outcome=\"([a-z-]+)\"[^}]*}\\s+([0-9.eE+]+)");

    private InboxMetrics() {}

    /** The service's {@code rapport.events.consumed} counters by outcome, read from its Prometheus endpoint. */
    static Map<String, Long> consumed(FaultScenarios run, Service service) throws Exception {
        return consumedOutcomes(prometheus(run, service));
    }

    /** The service's metrics in Prometheus' text format, for {@link #consumedOf} and {@link #consumedOutcomes}. */
    static String prometheus(FaultScenarios run, Service service) throws Exception {
        return run.client
                .expectOk(
                        HttpRequest.newBuilder(run.management(service, "/actuator/prometheus"))
                                .timeout(Duration.ofSeconds(10))
                                .GET()
                                .build(),
                        "read " + service.module() + "'s metrics")
                .body();
    }

    /** {@code rapport_events_consumed_total} of one outcome and one event type (0 when never counted). */
    static long consumedOf(String prometheus, String outcome, String type) {
        return outcomes(prometheus, line -> line.contains("type=\"" + type + "\""))
                .getOrDefault(outcome, 0L);
    }

    /** Sums {@code rapport_events_consumed_total} by outcome over every event type. */
    static Map<String, Long> consumedOutcomes(String prometheus) {
        return outcomes(prometheus, line -> true);
    }

    /** Sums {@code rapport_events_consumed_total} by outcome over the lines {@code counted} accepts. */
    private static Map<String, Long> outcomes(String prometheus, Predicate<String> counted) {
        Map<String, Long> outcomes = new TreeMap<>();
        for (String line : prometheus.lines().toList()) {
            Matcher matcher = CONSUMED.matcher(line);
            if (matcher.find() && counted.test(line)) {
                outcomes.merge(matcher.group(1), Math.round(Double.parseDouble(matcher.group(2))), Long::sum);
            }
        }
        return outcomes;
    }
}

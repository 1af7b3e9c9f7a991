package dev.rapport.platform.bench;

import dev.rapport.platform.harness.Load;
import dev.rapport.platform.harness.Stats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Another member's list read as other members' contacts fill the store: one row per step, one section at the end. */
final class ListCurve {

    /** A row of the list curve. */
    private record CurvePoint(String label, long stored, Load.Result result, String settled) {}

    private final Scenarios run;
    private final List<CurvePoint> curve = new ArrayList<>();
    private String probe;

    ListCurve(Scenarios run) {
        this.run = run;
    }

    void curveSteps() throws Exception {
        for (int step : run.sizes.curve()) {
            measureProbe(Stats.count(step), step);
        }
    }

    void curveAfter() throws Exception {
        measureProbe("after the import and the large member", 0);
        if (run.options.with100k()) {
            measureProbe(Stats.count(100_000), 100_000);
        }
    }

    /** Fills the store to {@code target} contacts (none when 0), lets its events settle, then measures the probe. */
    private void measureProbe(String label, long target) throws Exception {
        if (probe == null) {
            probe = "bench-probe";
            run.importDirect(probe, 20, "probe");
        }
        run.fill(target);
        String settled = run.settle();
        Load.Result result = Load.run(
                "list-at-" + run.stored.get(),
                run.sizes.curveClients(),
                run.sizes.curveProbe(),
                Duration.ofSeconds(60),
                (c, seq) -> run.client.status(run.client
                        .viaGateway(probe, "GET", "/api/v1/contacts?limit=1")
                        .GET()
                        .build()));
        synchronized (curve) {
            curve.add(new CurvePoint(label, run.stored.get(), result, settled));
        }
        if (result.ok() == 0) {
            // A figure too (nothing answered in time): kept in the curve, said among the problems.
            run.report.problem(
                    "List curve at " + Stats.count(run.stored.get()) + " stored contacts: no successful request in "
                            + Stats.seconds(result.seconds()) + " (" + result.non2xxDetail() + ")");
        }
    }

    void curveSection() {
        List<CurvePoint> points;
        synchronized (curve) {
            points = List.copyOf(curve);
        }
        if (points.isEmpty()) {
            return;
        }
        StringBuilder section = new StringBuilder("## Another member's list as the store grows\n\n");
        section.append("A member with 20 contacts reads `GET /api/v1/contacts?limit=1` through the gateway (")
                .append(run.sizes.curveClients())
                .append(" clients, ")
                .append(run.sizes.curveProbe().toSeconds())
                .append(" s per step) while other members' contacts fill the store (imported straight into"
                        + " contacts-service, 25,000 rows at most per member). Before each step the benchmark"
                        + " waits (at most ")
                .append(run.sizes.settleBound().toSeconds())
                .append(" s) for the events of what was stored to be published and consumed, so that the relay"
                        + " and the consumers do not compete with the reads.");
        if (!run.options.with100k()) {
            section.append(" The 100,000 step is left out (it adds several minutes of imports and event"
                    + " publishing): `./rapport bench --with-100k` measures it.");
        }
        section.append("\n\n| contacts stored | requests/s | p50 | p99 | non-2xx | events before the step |\n")
                .append("| --- | --- | --- | --- | --- | --- |\n");
        for (CurvePoint point : points) {
            section.append("| ")
                    .append(Stats.count(point.stored()))
                    .append(point.label().startsWith("after") ? " (" + point.label() + ")" : "")
                    .append(" | ")
                    .append(Stats.rate(point.result().rate()))
                    .append(" | ")
                    .append(Stats.millis(point.result().percentileMillis(0.5)))
                    .append(" | ")
                    .append(Stats.millis(point.result().percentileMillis(0.99)))
                    .append(" | ")
                    .append(point.result().non2xxDetail())
                    .append(" | ")
                    .append(point.settled())
                    .append(" |\n");
        }
        run.report.section(Scenarios.CURVE, section.toString());
        CurvePoint first = points.getFirst();
        CurvePoint largest = points.stream()
                .max(java.util.Comparator.comparingLong(CurvePoint::stored))
                .orElseThrow();
        run.report.target(
                Scenarios.CURVE,
                "another member's list as the store grows",
                "one scan at most on the embedded store, curve at 1k/10k/30k/100k [22/s, p99 1.6 s at ~30k]",
                Stats.rate(first.result().rate()) + ", p99 "
                        + Stats.millis(first.result().percentileMillis(0.99))
                        + " at " + Stats.count(first.stored()) + " stored; "
                        + Stats.rate(largest.result().rate())
                        + ", p99 " + Stats.millis(largest.result().percentileMillis(0.99)) + " at "
                        + Stats.count(largest.stored()),
                "curve measured (scans are counted by item 4's query test, not here)");
    }
}

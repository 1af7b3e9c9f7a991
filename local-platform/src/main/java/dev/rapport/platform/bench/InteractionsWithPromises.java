package dev.rapport.platform.bench;

import dev.rapport.platform.harness.Await;
import dev.rapport.platform.harness.Load;
import dev.rapport.platform.harness.PlatformClient;
import dev.rapport.platform.harness.Stats;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.pollinterval.PollInterval;
import tools.jackson.databind.JsonNode;

/** Interactions with one promise each posted through the gateway, and how soon each sampled promise's follow-up reminder is readable. */
final class InteractionsWithPromises {

    private final Scenarios run;

    InteractionsWithPromises(Scenarios run) {
        this.run = run;
    }

    void interactions() throws Exception {
        String member = "bench-promises";
        run.importDirect(member, run.sizes.promiseContacts(), "promises");
        List<String> ids = run.listIds(member);
        LocalDate sampledDue = run.today.plusDays(1);
        LocalDate otherDue = run.today.plusDays(30);
        String dueBefore = run.today.plusDays(3).toString();
        Load.run(
                "interactions-warm-up",
                run.sizes.interactionClients(),
                run.sizes.warmup(),
                Duration.ofSeconds(30),
                (c, seq) -> run.client.status(
                        interaction(member, ids.get((int) (seq % ids.size())), "warm-up " + seq, otherDue)));

        long intervalNanos = (long) (1e9 / run.sizes.samplesPerSecond());
        AtomicLong nextSample = new AtomicLong(System.nanoTime());
        Semaphore outstanding = new Semaphore(64);
        long pollUntil = System.nanoTime()
                + run.sizes.interactions().toNanos()
                + run.sizes.reminderWait().toNanos();
        ConcurrentLinkedQueue<Long> found = new ConcurrentLinkedQueue<>();
        AtomicInteger missing = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        ConcurrentLinkedQueue<Thread> pollers = new ConcurrentLinkedQueue<>();
        Load.Result posted = Load.run(
                "interactions",
                run.sizes.interactionClients(),
                run.sizes.interactions(),
                Duration.ofSeconds(30),
                (c, seq) -> {
                    long now = System.nanoTime();
                    long next = nextSample.get();
                    boolean sampled = now >= next && nextSample.compareAndSet(next, now + intervalNanos);
                    if (sampled && !outstanding.tryAcquire()) {
                        skipped.incrementAndGet();
                        sampled = false;
                    }
                    String contactId = ids.get((int) (seq % ids.size()));
                    String what =
                            "bench " + seq + " " + UUID.randomUUID().toString().substring(0, 8);
                    long sent = System.nanoTime();
                    int status;
                    try {
                        status = run.client.status(
                                interaction(member, contactId, what, sampled ? sampledDue : otherDue));
                    } catch (Exception e) {
                        if (sampled) {
                            outstanding.release();
                        }
                        throw e;
                    }
                    if (sampled) {
                        if (status >= 200 && status < 300) {
                            pollers.add(Thread.ofVirtual().start(() -> {
                                try {
                                    pollReminder(member, contactId, what, dueBefore, sent, pollUntil, found, missing);
                                } finally {
                                    outstanding.release();
                                }
                            }));
                        } else {
                            outstanding.release();
                        }
                    }
                    return status;
                });
        for (Thread poller : pollers) {
            poller.join(Duration.ofNanos(Math.max(1, pollUntil - System.nanoTime()) + 5_000_000_000L));
        }
        run.requireAnswers(posted);
        long[] latencies = found.stream().mapToLong(Long::longValue).sorted().toArray();
        int samples = latencies.length + missing.get();
        // The samples never seen count as longer than any seen: they take the top ranks.
        String p50 = reminderPercentile(latencies, samples, 0.50);
        String p99 = reminderPercentile(latencies, samples, 0.99);
        boolean p99Met = samples > 0 && missing.get() == 0 && Stats.percentileMillis(latencies, 0.99) <= 1000;
        double rate = posted.rate();

        StringBuilder section = new StringBuilder("## Interactions with one promise each, through the gateway\n\n");
        section.append("`POST /api/v1/interactions` (a call with one promise) through the gateway, spread over ")
                .append(ids.size())
                .append(" contacts of one member, ")
                .append(run.sizes.interactionClients())
                .append(" clients for ")
                .append(run.sizes.interactions().toSeconds())
                .append(" s after ")
                .append(run.sizes.warmup().toSeconds())
                .append(" s of warm-up. About ")
                .append(run.sizes.samplesPerSecond())
                .append(" posts a second are sampled: a poller reads `GET /api/v1/reminders?kind=follow-up&contactId=…`"
                        + " (through the gateway, backing off to a tenth of the time waited) until the follow-up of"
                        + " that promise is there; the latency runs from sending the post to reading the"
                        + " reminder.\n\n");
        section.append(Scenarios.loadTable(List.of(posted)));
        section.append("\n| post → follow-up reminder readable | value |\n| --- | --- |\n")
                .append("| samples | ")
                .append(samples)
                .append(skipped.get() > 0 ? " (" + skipped.get() + " skipped: 64 already waiting)" : "")
                .append(" |\n| read | ")
                .append(latencies.length)
                .append(" |\n| not readable within ")
                .append(run.sizes.reminderWait().toSeconds())
                .append(" s of the load's end | ")
                .append(missing.get())
                .append(" |\n| p50 | ")
                .append(p50)
                .append(" |\n| p99 | ")
                .append(p99)
                .append(" |\n| slowest read | ")
                .append(latencies.length == 0 ? "n/a" : Stats.millis(latencies[latencies.length - 1] / 1e6))
                .append(" |\n");
        run.report.section(Scenarios.INTERACTIONS, section.toString());
        run.report.target(
                Scenarios.INTERACTIONS,
                "interactions posted through the gateway, sustained "
                        + run.sizes.interactions().toSeconds() + " s",
                "≥ 300/s, stretch 1,000 [77]",
                Stats.rate(rate) + " (non-2xx: " + posted.non2xxDetail() + ")",
                rate >= 1000 ? "met (stretch too)" : rate >= 300 ? "met" : "not met");
        run.report.target(
                Scenarios.INTERACTIONS + 1,
                "post → follow-up reminder readable",
                "p99 ≤ 1 s under that load [minutes]",
                "p50 " + p50 + ", p99 " + p99 + " (" + samples + " samples)",
                p99Met);
    }

    private String reminderPercentile(long[] foundNanos, int samples, double q) {
        if (samples == 0) {
            return "n/a";
        }
        int rank = Math.max(1, (int) Math.ceil(q * samples));
        if (rank > foundNanos.length) {
            return "> " + Stats.seconds(run.sizes.reminderWait().toSeconds()) + " (not readable)";
        }
        return Stats.millis(foundNanos[rank - 1] / 1e6);
    }

    private HttpRequest interaction(String member, String contactId, String what, LocalDate dueOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contactIds", List.of(contactId));
        body.put("type", "call");
        body.put("direction", "outbound");
        body.put("occurredAt", Instant.now().minusSeconds(60).toString());
        body.put("summary", "Benchmark call");
        body.put("promises", List.of(Map.of("owedBy", "me", "what", what, "dueOn", dueOn.toString())));
        return PlatformClient.json(run.client.viaGateway(member, "POST", "/api/v1/interactions"), "POST", body)
                .build();
    }

    private void pollReminder(
            String member,
            String contactId,
            String what,
            String dueBefore,
            long sent,
            long until,
            ConcurrentLinkedQueue<Long> found,
            AtomicInteger missing) {
        String path =
                "/api/v1/reminders?kind=follow-up&contactId=" + contactId + "&dueBefore=" + dueBefore + "&limit=200";
        // Polled with a back-off of a tenth of the time waited so far (0.1 to 2 s); a failed poll is retried: the
        // sample's figure is when the reminder is readable.
        PollInterval backOff = (count, previous) ->
                Duration.ofMillis(Math.min(2_000, Math.max(100, (System.nanoTime() - sent) / 10 / 1_000_000)));
        long left = until - System.nanoTime();
        if (left <= 0) {
            missing.incrementAndGet();
            return;
        }
        try {
            Await.until("the follow-up of " + what, Duration.ofNanos(left), backOff, () -> {
                PlatformClient.Answer answer = run.client.send(
                        run.client.viaGateway(member, "GET", path).GET().build());
                if (answer.ok()) {
                    for (JsonNode item : answer.json().path("items")) {
                        if (item.path("title").asString("").contains(what)) {
                            found.add(System.nanoTime() - sent);
                            return true;
                        }
                    }
                }
                return false;
            });
        } catch (Await.NotInTime e) {
            missing.incrementAndGet();
        }
    }
}

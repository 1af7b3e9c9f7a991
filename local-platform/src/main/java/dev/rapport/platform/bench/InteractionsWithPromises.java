package dev.rapport.platform.bench;

import dev.rapport.platform.harness.Await;
import dev.rapport.platform.harness.Load;
import dev.rapport.platform.harness.Machine;
import dev.rapport.platform.harness.PlatformClient;
import dev.rapport.platform.harness.Stats;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/** Interactions with one promise each posted through the gateway, and how soon each sampled promise's follow-up reminder is readable. */
final class InteractionsWithPromises {

    /** How often the poller reads the sampled follow-ups: the latencies' resolution. */
    private static final Duration POLL = Duration.ofMillis(200);

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
        run.warmUp(
                "interactions",
                run.sizes.interactionClients(),
                (c, seq) -> run.client.status(
                        interaction(member, ids.get((int) (seq % ids.size())), "warm-up " + seq, otherDue)));
        // The measurement starts once the consumers have caught up with the warm-up's events: a backlog left by the
        // warm-up would count as the measured posts' latency.
        String caughtUp = run.settle();

        long intervalNanos = (long) (1e9 / run.sizes.samplesPerSecond());
        AtomicLong nextSample = new AtomicLong(System.nanoTime());
        long pollUntil = System.nanoTime()
                + run.sizes.interactions().toNanos()
                + run.sizes.reminderWait().toNanos();
        // Sampled promise -> when its post was sent; one poller reads them all (sampled promises are due tomorrow,
        // the others in 30 days, so a list due before the day after tomorrow holds the sampled ones only).
        Map<String, Long> waiting = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> found = new ConcurrentLinkedQueue<>();
        AtomicBoolean posting = new AtomicBoolean(true);
        Thread poller = Thread.ofVirtual()
                .name("bench-follow-up-poller")
                .start(() -> pollFollowUps(member, dueBefore, pollUntil, waiting, found, posting));
        Map<String, Duration> cpuBefore = Machine.cpuByProcess(run.platform.varDir());
        Load.Result posted;
        try {
            posted = Load.run(
                    "interactions",
                    run.sizes.interactionClients(),
                    run.sizes.interactions(),
                    Duration.ofSeconds(30),
                    (c, seq) -> {
                        long now = System.nanoTime();
                        long next = nextSample.get();
                        boolean sampled = now >= next && nextSample.compareAndSet(next, now + intervalNanos);
                        String contactId = ids.get((int) (seq % ids.size()));
                        String what = "bench " + seq + " "
                                + UUID.randomUUID().toString().substring(0, 8);
                        long sent = System.nanoTime();
                        int status = run.client.status(
                                interaction(member, contactId, what, sampled ? sampledDue : otherDue));
                        if (sampled && status >= 200 && status < 300) {
                            waiting.put(what, sent);
                        }
                        return status;
                    });
        } finally {
            posting.set(false);
        }
        poller.join(Duration.ofNanos(Math.max(1, pollUntil - System.nanoTime()) + 5_000_000_000L));
        int missing = waiting.size();
        run.requireAnswers(posted);
        // The posts' own work ends once their events are consumed: the CPU until then, per post.
        String drained = run.settle();
        Map<String, Duration> cpuAfter = Machine.cpuByProcess(run.platform.varDir());
        long[] latencies = found.stream().mapToLong(Long::longValue).sorted().toArray();
        int samples = latencies.length + missing;
        // The samples never seen count as longer than any seen: they take the top ranks.
        String p50 = reminderPercentile(latencies, samples, 0.50);
        String p99 = reminderPercentile(latencies, samples, 0.99);
        boolean p99Met = samples > 0 && missing == 0 && Stats.percentileMillis(latencies, 0.99) <= 1000;
        double rate = posted.rate();

        StringBuilder section = new StringBuilder("## Interactions with one promise each, through the gateway\n\n");
        section.append("`POST /api/v1/interactions` (a call with one promise) through the gateway, spread over ")
                .append(ids.size())
                .append(" contacts of one member, ")
                .append(run.sizes.interactionClients())
                .append(" clients for ")
                .append(run.sizes.interactions().toSeconds())
                .append(" s, after a warm-up of the same posts (")
                .append(run.warmUpRule())
                .append(") whose events the consumers then caught up with (")
                .append(caughtUp)
                .append("). About ")
                .append(run.sizes.samplesPerSecond())
                .append(" posts a second are sampled (their promise is due tomorrow, the others' in 30 days): one"
                        + " poller reads every sampled follow-up at once, `GET /api/v1/reminders?kind=follow-up&dueBefore=…`"
                        + " through the gateway, every " + POLL.toMillis() + " ms; a sample's latency runs from sending"
                        + " its post to the answer of the first poll that holds its follow-up.\n\n");
        section.append(run.loadTable(List.of(posted)));
        section.append("\n| post → follow-up reminder readable | value |\n| --- | --- |\n")
                .append("| samples | ")
                .append(samples)
                .append(" |\n| read | ")
                .append(latencies.length)
                .append(" |\n| not readable within ")
                .append(run.sizes.reminderWait().toSeconds())
                .append(" s of the load's end | ")
                .append(missing)
                .append(" |\n| p50 | ")
                .append(p50)
                .append(" |\n| p99 | ")
                .append(p99)
                .append(" |\n| slowest read | ")
                .append(latencies.length == 0 ? "n/a" : Stats.millis(latencies[latencies.length - 1] / 1e6))
                .append(" |\n");
        double cpuMillis = cpuMillisPerPost(cpuBefore, cpuAfter, posted.ok()).values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
        section.append(cpuPerPost(cpuBefore, cpuAfter, posted.ok(), drained));
        run.report.section(Scenarios.INTERACTIONS, section.toString());
        run.report.target(
                Scenarios.INTERACTIONS,
                "interactions posted through the gateway, sustained "
                        + run.sizes.interactions().toSeconds() + " s",
                "≥ 300/s, stretch 1,000 [77]",
                Stats.rate(rate) + " (non-2xx: " + posted.non2xxDetail() + ")"
                        + (cpuMillis > 0
                                ? "; at the " + String.format(Locale.ROOT, "%.1f", cpuMillis)
                                        + " CPU ms each post cost, the machine's ceiling is "
                                        + Stats.rate(Runtime.getRuntime().availableProcessors() * 1000.0 / cpuMillis)
                                : ""),
                rate >= 1000 ? "met (stretch too)" : rate >= 300 ? "met" : "not met");
        run.report.target(
                Scenarios.INTERACTIONS + 1,
                "post → follow-up reminder readable",
                "p99 ≤ 1 s under that load [minutes]",
                "p50 " + p50 + ", p99 " + p99 + " (" + samples + " samples)",
                p99Met);
    }

    /**
     * The CPU each process spent per post, from the start of the measured load until the consumers had caught up
     * with its events, and the rate the machine's cores could serve at that cost if nothing else ran: the ceiling a
     * target must fit under.
     */
    private static String cpuPerPost(
            Map<String, Duration> before, Map<String, Duration> after, long posts, String drained) {
        if (posts == 0) {
            return "";
        }
        int cores = Runtime.getRuntime().availableProcessors();
        StringBuilder table = new StringBuilder("\nCPU per post: what each process used from the start of the load"
                        + " until the consumers had caught up with its events (")
                .append(drained)
                .append(
                        "), divided by the 2xx posts; the launcher's share includes the benchmark's clients and poller.\n\n"
                                + "| process | CPU ms per post |\n| --- | --- |\n");
        double total = 0;
        for (Map.Entry<String, Double> process :
                cpuMillisPerPost(before, after, posts).entrySet()) {
            total += process.getValue();
            table.append("| ")
                    .append(process.getKey())
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", process.getValue()))
                    .append(" |\n");
        }
        table.append("| **total** | **")
                .append(String.format(Locale.ROOT, "%.1f", total))
                .append("** |\n\nAt that cost the machine's ")
                .append(cores)
                .append(" cores serve at most ")
                .append(Stats.rate(cores * 1000.0 / total))
                .append(" however the work is spread (")
                .append(cores)
                .append(" × 1,000 ms ÷ ")
                .append(String.format(Locale.ROOT, "%.1f", total))
                .append(" ms); 300/s would need ")
                .append(String.format(Locale.ROOT, "%.1f", cores * 1000.0 / 300))
                .append(" ms per post or less.\n");
        return table.toString();
    }

    /** The CPU milliseconds each process used between {@code before} and {@code after}, per post (none: empty). */
    private static Map<String, Double> cpuMillisPerPost(
            Map<String, Duration> before, Map<String, Duration> after, long posts) {
        Map<String, Double> perPost = new LinkedHashMap<>();
        if (posts > 0) {
            after.forEach((process, used) -> perPost.put(
                    process,
                    (used.toNanos()
                                    - before.getOrDefault(process, Duration.ZERO)
                                            .toNanos())
                            / 1e6
                            / posts));
        }
        return perPost;
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

    /**
     * Reads the member's follow-ups due before {@code dueBefore} (every page) every {@link #POLL} until the load has
     * ended and every sample's follow-up was read, or {@code until}: each sample found leaves {@code waiting} with
     * its latency in {@code found}; those left in {@code waiting} were never readable in time.
     */
    private void pollFollowUps(
            String member,
            String dueBefore,
            long until,
            Map<String, Long> waiting,
            ConcurrentLinkedQueue<Long> found,
            AtomicBoolean posting) {
        try {
            Await.until(
                    "every sampled follow-up", Duration.ofNanos(Math.max(1, until - System.nanoTime())), POLL, () -> {
                        boolean done = !posting.get(); // read before the poll: a sample added later waits for the next
                        List<String> titles = followUpTitles(member, dueBefore);
                        long read = System.nanoTime();
                        for (Map.Entry<String, Long> sample : waiting.entrySet()) {
                            if (titles.stream().anyMatch(title -> title.contains(sample.getKey()))
                                    && waiting.remove(sample.getKey(), sample.getValue())) {
                                found.add(read - sample.getValue());
                            }
                        }
                        return done && waiting.isEmpty();
                    });
        } catch (Await.NotInTime e) {
            // The samples still waiting are counted as not readable in time.
        }
    }

    /** The titles of the member's follow-ups due before {@code dueBefore}, every page, through the gateway. */
    private List<String> followUpTitles(String member, String dueBefore) throws Exception {
        List<String> titles = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/api/v1/reminders?kind=follow-up&dueBefore=" + dueBefore + "&limit=200"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            PlatformClient.Answer answer = run.client.send(
                    run.client.viaGateway(member, "GET", path).GET().build());
            if (!answer.ok()) {
                return titles; // a failed poll finds nothing; the next one tries again
            }
            JsonNode page = answer.json();
            page.path("items").forEach(item -> titles.add(item.path("title").asString("")));
            JsonNode next = page.path("nextCursor");
            cursor = next.isString() && !next.asString().isBlank() ? next.asString() : null;
        } while (cursor != null);
        return titles;
    }
}

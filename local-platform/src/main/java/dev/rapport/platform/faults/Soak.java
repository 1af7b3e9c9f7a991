package dev.rapport.platform.faults;

import dev.rapport.platform.Service;
import dev.rapport.platform.harness.Await;
import dev.rapport.platform.harness.LinkedInCsv;
import dev.rapport.platform.harness.Load;
import dev.rapport.platform.harness.PlatformClient;
import dev.rapport.platform.harness.Stats;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scenario 7: mixed traffic through the gateway at a steady rate for minutes (reads of contacts, reminders and
 * content, the digest, the network's health; interactions with a promise, content items, small LinkedIn imports).
 * Zero errors, the latency percentiles of each minute, and the heap of every service after a full GC sampled each
 * minute ({@code jcmd <pid> GC.run}, then {@code GC.heap_info}): its slope must stay under {@link #SLOPE_BOUND_MB}
 * MB a minute. Afterwards every promise has its follow-up and every imported row its contact.
 */
final class Soak {

    private static final Logger log = LoggerFactory.getLogger(Soak.class);
    static final String MEMBER = "faults-soak";

    /** The largest heap growth after a full GC a service may show, in MB a minute, before the soak fails. */
    static final double SLOPE_BOUND_MB = 3.0;

    private static final int CLIENTS = 16;
    private static final int IMPORT_ROWS = 5;

    /**
     * Imports rotate over this many members of their own: a member's imports run one at a time (409 while another of
     * theirs runs, as documented), and a steady rate must not make them overlap.
     */
    private static final int IMPORT_MEMBERS = 8;

    /** One request of the mix, chosen by its sequence number. */
    enum Kind {
        IMPORT,
        INTERACTION,
        CONTENT_ITEM,
        DIGEST,
        CONTACTS,
        REMINDERS,
        CONTENT_ITEMS,
        HEALTH;

        /** The mix of 20 requests: 1 import, 4 interactions, 1 content item, 2 digests, 12 reads. */
        private static final Kind[] MIX = {
            IMPORT, INTERACTION, CONTACTS, REMINDERS, DIGEST, INTERACTION, CONTENT_ITEMS, CONTACTS, HEALTH,
                    CONTENT_ITEM,
            INTERACTION, REMINDERS, CONTACTS, DIGEST, CONTENT_ITEMS, INTERACTION, REMINDERS, CONTACTS, HEALTH, CONTACTS
        };

        static Kind of(long sequence) {
            return MIX[(int) (sequence % MIX.length)];
        }

        /** How many requests of this kind the first {@code requests} of the mix hold. */
        static long count(Kind kind, long requests) {
            long perRound = Arrays.stream(MIX).filter(k -> k == kind).count();
            long count = requests / MIX.length * perRound;
            for (int i = 0; i < requests % MIX.length; i++) {
                count += MIX[i] == kind ? 1 : 0;
            }
            return count;
        }
    }

    /** The answers of one minute of the soak (by when each request was due). */
    private static final class Minute {
        final List<Long> latencies = new ArrayList<>();
        long errors;
        String firstError;

        synchronized void add(long nanos, String error) {
            latencies.add(nanos);
            if (error != null) {
                errors++;
                if (firstError == null) {
                    firstError = error;
                }
            }
        }
    }

    private final FaultScenarios run;
    private final FaultOptions.Sizes sizes;

    Soak(FaultScenarios run) {
        this.run = run;
        this.sizes = run.sizes;
    }

    String load() {
        return sizes.soakRate() + " requests a second through the gateway for " + describe(sizes.soak()) + " from "
                + CLIENTS + " clients, one member: of every 20, 12 reads (contacts, reminders, content items, network"
                + " health), 2 digests (GET /api/v1/digest/today), 4 interactions with a promise, 1 content item and 1"
                + " LinkedIn import of " + IMPORT_ROWS + " new people (imports rotate over " + IMPORT_MEMBERS
                + " members of their own: one member's imports run one at a time)";
    }

    void run(FaultReport.Scenario scenario) throws Exception {
        List<String> contacts = run.contacts(MEMBER, sizes.contacts());
        long deadLetteredBefore = run.deadLettered();
        long planned = Math.round(sizes.soak().toMillis() / 1000.0 * sizes.soakRate());
        long intervalNanos = 1_000_000_000L / sizes.soakRate();
        int minutes = (int) Math.ceil(sizes.soak().toMillis() / 60_000.0);
        Map<Integer, Minute> byMinute = new ConcurrentHashMap<>();
        for (int m = 0; m < minutes; m++) {
            byMinute.put(m, new Minute());
        }
        HeapSamples heap = new HeapSamples(run.platform.controls());
        heap.sample(0);

        long start = System.nanoTime();
        AtomicLong samplerError = new AtomicLong();
        Thread sampler = Thread.ofVirtual().name("soak-heap").start(() -> {
            // After each whole minute of traffic and at its end (a shorter last minute included).
            List<Double> at = new ArrayList<>();
            for (int m = 1; m <= minutes; m++) {
                at.add(Math.min(m, sizes.soak().toMillis() / 60_000.0));
            }
            for (double minute : at) {
                try {
                    Await.untilTime("minute " + minute + " of the soak", start + (long) (minute * 60e9));
                    heap.sample(minute);
                } catch (Exception e) {
                    samplerError.incrementAndGet();
                    log.warn("Could not sample the heap at minute {}", minute, e);
                }
            }
        });
        Load.Result result =
                Load.run("soak", CLIENTS, sizes.soak().plusSeconds(5), Duration.ofSeconds(60), planned, (c, seq) -> {
                    long due = start + seq * intervalNanos;
                    Await.untilTime("request " + seq + "'s turn", due);
                    long sent = System.nanoTime();
                    String error = null;
                    int status = -1;
                    try {
                        status = send(Kind.of(seq), seq, contacts);
                        if (status / 100 != 2) {
                            error = Kind.of(seq) + " answered " + status;
                        }
                    } catch (IOException e) {
                        error = Kind.of(seq) + ": " + e;
                    }
                    int minute = (int) Math.min(minutes - 1, (due - start) / 60_000_000_000L);
                    byMinute.get(minute).add(System.nanoTime() - sent, error);
                    if (error != null && status < 0) {
                        throw new IOException(error);
                    }
                    return status;
                });
        sampler.join(Duration.ofMinutes(3));

        scenario.equal("requests sent at the steady rate", planned, result.answered() + result.errors());
        scenario.equal("requests without an answer", 0L, result.errors());
        scenario.check("answers other than 2xx", "none", result.non2xxDetail(), result.non2xx() == 0);
        long[] all = byMinute.values().stream()
                .flatMap(minute -> {
                    synchronized (minute) {
                        return List.copyOf(minute.latencies).stream();
                    }
                })
                .mapToLong(Long::longValue)
                .sorted()
                .toArray();
        scenario.note(all.length + " requests at " + sizes.soakRate() + "/s (each sent when due, latency counted from"
                + " its sending); p50 " + Stats.millis(Stats.percentileMillis(all, 0.5)) + ", p99 "
                + Stats.millis(Stats.percentileMillis(all, 0.99)) + ", slowest "
                + Stats.millis(Stats.percentileMillis(all, 1)) + "; load average after: "
                + dev.rapport.platform.harness.Machine.loadAverage());
        scenario.table(minuteTable(byMinute));

        // Exact consequences of the writes: a follow-up per promise, a contact per imported row.
        long interactions = Kind.count(Kind.INTERACTION, planned);
        Set<String> promises = new TreeSet<>();
        for (long seq = 0; seq < planned; seq++) {
            if (Kind.of(seq) == Kind.INTERACTION) {
                promises.add(Promises.promise("soak", seq));
            }
        }
        Await.until(
                "a follow-up for each of the soak's " + interactions + " promises",
                sizes.settle(),
                () -> run.promises.followUpCounts(MEMBER, promises).size() == promises.size());
        Map<String, Integer> counts = run.promises.followUpCounts(MEMBER, promises);
        scenario.equal(
                "promises with exactly one follow-up reminder",
                interactions,
                counts.values().stream().filter(n -> n == 1).count());
        long imported = Kind.count(Kind.IMPORT, planned) * IMPORT_ROWS;
        long importedContacts = 0;
        for (int i = 0; i < IMPORT_MEMBERS; i++) {
            importedContacts += contactTotal(importMember(i));
        }
        scenario.equal("contacts of the import members (every imported row)", imported, importedContacts);
        scenario.equal("records added to the dead-letter topics", 0L, run.deadLettered() - deadLetteredBefore);

        scenario.equal("heap samples that could not be taken", 0L, samplerError.get());
        scenario.table(heap.table());
        if (heap.of(HeapSamples.SAMPLED.getFirst()).stream()
                        .filter(sample -> sample[0] >= 1)
                        .count()
                < 2) {
            scenario.note("heap slopes not judged: a soak under 2 minutes has no two samples after its first minute"
                    + " of warm-up (the table shows them over the samples there are)");
            return;
        }
        for (Service service : HeapSamples.SAMPLED) {
            double slope = HeapSamples.slope(HeapSamples.trend(heap.of(service)));
            scenario.check(
                    service.module() + ": heap after a full GC, slope",
                    String.format(Locale.ROOT, "≤ %.1f MB/min", SLOPE_BOUND_MB),
                    Double.isNaN(slope) ? "n/a" : String.format(Locale.ROOT, "%+.2f MB/min", slope),
                    !Double.isNaN(slope) && slope <= SLOPE_BOUND_MB);
        }
    }

    private int send(Kind kind, long seq, List<String> contacts) throws IOException, InterruptedException {
        PlatformClient client = run.client;
        return switch (kind) {
            case IMPORT ->
                client.status(client.viaGateway(
                                importMember(Kind.count(Kind.IMPORT, seq)), "POST", "/api/v1/imports/linkedin")
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(LinkedInCsv.generate(IMPORT_ROWS, "soak" + seq)))
                        .build());
            case INTERACTION ->
                client.status(run.promises.interaction(
                        MEMBER, contacts.get((int) (seq % contacts.size())), Promises.promise("soak", seq)));
            case CONTENT_ITEM -> client.status(run.draftPost(MEMBER, "Soak post " + seq));
            case DIGEST -> get("/api/v1/digest/today");
            case CONTACTS -> get("/api/v1/contacts?limit=20");
            case REMINDERS -> get("/api/v1/reminders?status=open&limit=20");
            case CONTENT_ITEMS -> get("/api/v1/content/items?limit=20");
            case HEALTH -> get("/api/v1/network/health");
        };
    }

    private int get(String path) throws IOException, InterruptedException {
        return run.client.status(
                run.client.viaGateway(MEMBER, "GET", path).GET().build());
    }

    private static String importMember(long importNumber) {
        return MEMBER + "-imports-" + (importNumber % IMPORT_MEMBERS);
    }

    private long contactTotal(String member) throws Exception {
        return run.client
                .expectOk(
                        run.client
                                .viaGateway(member, "GET", "/api/v1/contacts?limit=1")
                                .GET()
                                .build(),
                        "count the contacts")
                .json()
                .path("total")
                .asLong(-1);
    }

    // ----------------------------------------------------------------------------------------------- tables

    private static String minuteTable(Map<Integer, Minute> byMinute) {
        StringBuilder table = new StringBuilder(
                "| minute | requests | errors | p50 | p95 | p99 | slowest |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Map.Entry<Integer, Minute> entry : new TreeMap<>(byMinute).entrySet()) {
            Minute minute = entry.getValue();
            long[] sorted;
            synchronized (minute) {
                sorted = minute.latencies.stream()
                        .mapToLong(Long::longValue)
                        .sorted()
                        .toArray();
            }
            table.append("| ")
                    .append(entry.getKey() + 1)
                    .append(" | ")
                    .append(sorted.length)
                    .append(" | ")
                    .append(minute.errors)
                    .append(minute.firstError == null ? "" : " (" + minute.firstError.replace("|", "/") + ")")
                    .append(" | ")
                    .append(Stats.millis(Stats.percentileMillis(sorted, 0.5)))
                    .append(" | ")
                    .append(Stats.millis(Stats.percentileMillis(sorted, 0.95)))
                    .append(" | ")
                    .append(Stats.millis(Stats.percentileMillis(sorted, 0.99)))
                    .append(" | ")
                    .append(Stats.millis(Stats.percentileMillis(sorted, 1)))
                    .append(" |\n");
        }
        return table.toString();
    }

    private static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " minutes" : seconds + " s";
    }
}

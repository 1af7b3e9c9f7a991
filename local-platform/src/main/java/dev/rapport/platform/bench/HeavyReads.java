package dev.rapport.platform.bench;

import dev.rapport.platform.RunningPlatform;
import dev.rapport.platform.harness.PlatformClient;
import dev.rapport.platform.harness.Stats;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Issue 15 item 5: a member with tens of thousands of contacts asks for their network health and their whole export
 * many times at once, through the gateway. Every answer must be complete (the health counts every contact, every
 * export parses to the end and holds every contact) and every process must still be running within its heap.
 */
final class HeavyReads {

    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(5);

    private final PlatformClient client;
    private final RunningPlatform platform;
    private final Report report;
    private final int order;

    HeavyReads(PlatformClient client, RunningPlatform platform, Report report, int order) {
        this.client = client;
        this.platform = platform;
        this.report = report;
        this.order = order;
    }

    /** One call's outcome: how long it took and what was wrong with it (null when it was complete). */
    private record Outcome(String what, long nanos, String problem) {}

    void run(String member, long contacts, int callsOfEach) throws Exception {
        Map<String, Long> before = Bench.resident(platform);
        List<Future<Outcome>> calls = new ArrayList<>();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < callsOfEach; i++) {
                calls.add(pool.submit(() -> health(member, contacts)));
                calls.add(pool.submit(() -> export(member, contacts)));
            }
        }
        long wall = System.nanoTime() - start;
        Map<String, Long> after = Bench.resident(platform);
        List<String> problems = new ArrayList<>();
        List<Long> health = new ArrayList<>();
        List<Long> exports = new ArrayList<>();
        for (Future<Outcome> call : calls) {
            Outcome outcome = call.get();
            if (outcome.problem() != null) {
                problems.add(outcome.what() + ": " + outcome.problem());
            }
            (outcome.what().equals("health") ? health : exports).add(outcome.nanos());
        }
        List<String> gone = before.keySet().stream()
                .filter(name -> !after.containsKey(name))
                .toList();
        gone.forEach(name -> problems.add(name + " is no longer running"));

        StringBuilder section = new StringBuilder("## Heavy reads of a ")
                .append(Stats.count(contacts))
                .append("-contact member\n\n")
                .append(
                        "The member of the import asks, through the gateway and all at once, for `GET /api/v1/network/health`")
                .append(" ")
                .append(callsOfEach)
                .append(" times and for `GET /api/v1/me/export` ")
                .append(callsOfEach)
                .append(" times (streamed; each export is parsed to its end and its contacts counted). Every service")
                .append(" runs with the platform's heap limit (`-Xmx384m`).\n\n")
                .append("| measure | value |\n| --- | --- |\n")
                .append("| all ")
                .append(calls.size())
                .append(" calls answered after | ")
                .append(Stats.seconds(wall / 1e9))
                .append(" |\n| network health p50 / max | ")
                .append(percentiles(health))
                .append(" |\n| export p50 / max | ")
                .append(percentiles(exports))
                .append(" |\n| incomplete answers | ")
                .append(tally(problems))
                .append(" |\n\n| process | resident before | resident after |\n| --- | --- | --- |\n");
        before.forEach((name, kb) -> section.append("| ")
                .append(name)
                .append(" | ")
                .append(Stats.megabytes(kb))
                .append(" | ")
                .append(after.containsKey(name) ? Stats.megabytes(after.get(name)) : "gone")
                .append(" |\n"));
        report.section(order, section.toString());
        report.target(
                order,
                Stats.count(contacts) + "-contact member: " + callsOfEach + " health + " + callsOfEach
                        + " exports at once",
                "every answer complete, every process within its heap",
                problems.isEmpty() ? "all complete in " + Stats.seconds(wall / 1e9) : problems.size() + " problems",
                problems.isEmpty());
    }

    /** Each distinct problem once, with how many calls had it ("3 × health: answered 504 …"), or "none". */
    static String tally(List<String> problems) {
        if (problems.isEmpty()) {
            return "none";
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        problems.forEach(problem -> counts.merge(problem, 1, Integer::sum));
        List<String> lines = new ArrayList<>();
        counts.forEach((problem, count) -> lines.add(count + " × " + problem));
        return String.join("; ", lines);
    }

    private static String percentiles(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return "n/a";
        }
        return Stats.millis(Stats.percentileMillis(sorted, 0.5)) + " / "
                + Stats.millis(sorted[sorted.length - 1] / 1e6);
    }

    private Outcome health(String member, long contacts) {
        long start = System.nanoTime();
        try {
            PlatformClient.Answer answer = client.send(client.viaGateway(member, "GET", "/api/v1/network/health")
                    .timeout(ANSWER_TIMEOUT)
                    .GET()
                    .build());
            long counted = answer.ok() ? answer.json().path("contacts").asLong(-1) : -1;
            String problem = !answer.ok()
                    ? "answered " + answer.status() + " " + PlatformClient.abbreviate(answer.body())
                    : counted != contacts ? "counted " + counted + " contacts, not " + contacts : null;
            return new Outcome("health", System.nanoTime() - start, problem);
        } catch (IOException | InterruptedException e) {
            return new Outcome("health", System.nanoTime() - start, e.toString());
        }
    }

    private Outcome export(String member, long contacts) {
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> answer = client.open(client.viaGateway(member, "GET", "/api/v1/me/export")
                    .timeout(ANSWER_TIMEOUT)
                    .GET()
                    .build());
            try (InputStream body = answer.body()) {
                if (answer.statusCode() != 200) {
                    return new Outcome(
                            "export",
                            System.nanoTime() - start,
                            "answered " + answer.statusCode() + " "
                                    + PlatformClient.abbreviate(new String(body.readNBytes(400))));
                }
                long exported = exportedContacts(body);
                return new Outcome(
                        "export",
                        System.nanoTime() - start,
                        exported == contacts ? null : "held " + exported + " contacts, not " + contacts);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            return new Outcome("export", System.nanoTime() - start, e.toString());
        }
    }

    /**
     * How many contacts an export holds ({@code contacts.contacts}), read as a stream to its end: an export that does
     * not parse to the end fails here.
     */
    static long exportedContacts(InputStream export) {
        long count = -1;
        try (JsonParser parser = PlatformClient.JSON.createParser(export)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new BenchException("the export is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String part = parser.currentName();
                parser.nextToken();
                if (!part.equals("contacts") || parser.currentToken() != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    if (name.equals("contacts") && parser.currentToken() == JsonToken.START_ARRAY) {
                        count = 0;
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            count++;
                            parser.skipChildren();
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new BenchException("the export does not end where its object ends");
            }
        }
        return count;
    }
}

package dev.rapport.platform.bench;

import dev.rapport.platform.harness.Await;
import dev.rapport.platform.harness.Load;
import dev.rapport.platform.harness.PlatformClient;
import dev.rapport.platform.harness.Stats;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A member with many contacts and open reminders: the digest, list, search and network health read through the gateway. */
final class BigMember {

    private static final Logger log = LoggerFactory.getLogger(BigMember.class);

    private final Scenarios run;

    BigMember(Scenarios run) {
        this.run = run;
    }

    void bigMember() throws Exception {
        run.fill(run.sizes.othersHold());
        String member = "bench-large";
        run.importDirect(member, run.sizes.bigMemberContacts(), "large");
        List<String> ids = run.listIds(member);
        int reminders = Math.min(run.sizes.bigMemberReminders(), ids.size());
        // Promises due from a few days ago to two weeks ahead: some in today's digest, the rest upcoming.
        AtomicInteger next = new AtomicInteger();
        AtomicInteger logged = new AtomicInteger();
        ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
        List<Thread> posters = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            posters.add(Thread.ofVirtual().start(() -> {
                for (int i = next.getAndIncrement(); i < reminders; i = next.getAndIncrement()) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("contactIds", List.of(ids.get(i)));
                    body.put("type", "coffee");
                    body.put("occurredAt", Instant.now().minusSeconds(3600).toString());
                    body.put(
                            "promises",
                            List.of(Map.of(
                                    "owedBy",
                                    i % 3 == 0 ? "them" : "me",
                                    "what",
                                    "large " + i,
                                    "dueOn",
                                    run.today.plusDays(i % 18 - 3).toString())));
                    try {
                        PlatformClient.Answer answer = run.client.send(PlatformClient.json(
                                        run.client.direct(run.contacts, member, "POST", "/api/v1/interactions"),
                                        "POST",
                                        body)
                                .build());
                        if (answer.ok()) {
                            logged.incrementAndGet();
                        } else {
                            refusals.add(answer.status() + " " + PlatformClient.abbreviate(answer.body()));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        refusals.add(e.toString());
                    }
                }
            }));
        }
        for (Thread poster : posters) {
            poster.join();
        }
        if (logged.get() < reminders) {
            throw new BenchException("Only " + logged.get() + " of " + reminders + " interactions with a promise were"
                    + " logged for the large member (first refusal: " + refusals.peek() + ")");
        }
        long[] open = {0};
        try {
            Await.until("the large member's " + reminders + " open follow-ups", run.sizes.settleBound(), () -> {
                open[0] = run.client
                        .expectOk(
                                run.client
                                        .viaGateway(
                                                member, "GET", "/api/v1/reminders?status=open&kind=follow-up&limit=1")
                                        .timeout(Scenarios.SETUP_TIMEOUT)
                                        .GET()
                                        .build(),
                                "count the large member's open reminders")
                        .json()
                        .path("total")
                        .asLong();
                return open[0] >= reminders;
            });
        } catch (Await.NotInTime e) {
            log.warn("{}", e.getMessage());
        }
        String backlog = "";
        if (open[0] < reminders) {
            // Measured anyway: the reads are what this scenario is about; the backlog is said next to them.
            backlog = " Only " + open[0] + " of the " + reminders + " follow-ups were open after waiting "
                    + run.sizes.settleBound().toSeconds()
                    + " s for them (the reminders consumer was behind: consumer lag "
                    + run.events.lags() + ").";
            run.report.problem("A member with many contacts: " + backlog.strip());
        }
        String search = URLEncoder.encode("garcia", StandardCharsets.UTF_8);
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("digest", "/api/v1/digest/today");
        endpoints.put("contact list", "/api/v1/contacts");
        endpoints.put("search", "/api/v1/contacts?q=" + search);
        endpoints.put("network health", "/api/v1/network/health");
        List<Load.Result> results = new ArrayList<>();
        for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
            Load.Call call = (c, seq) -> run.client.status(run.client
                    .viaGateway(member, "GET", endpoint.getValue())
                    .GET()
                    .build());
            results.add(run.warmThenMeasure(
                    endpoint.getKey() + " `" + endpoint.getValue() + "`",
                    run.sizes.endpointClients(),
                    run.sizes.endpoint(),
                    Duration.ofSeconds(60),
                    call));
        }
        run.requireAnswers(results.toArray(Load.Result[]::new));
        StringBuilder section = new StringBuilder("## A member with ")
                .append(Stats.count(ids.size()))
                .append(" contacts and ")
                .append(Stats.count(open[0]))
                .append(" open reminders\n\n");
        section.append("The member's contacts were imported (LinkedIn file, straight into contacts-service) and ")
                .append(reminders)
                .append(" interactions with a promise logged, due from 3 days ago to 2 weeks ahead; the reads"
                        + " start once the ")
                .append(reminders)
                .append(" follow-ups are open. Other members hold ")
                .append(Stats.count(run.stored.get() - ids.size()))
                .append(" contacts meanwhile. Each read through the gateway, ")
                .append(run.sizes.endpointClients())
                .append(" clients for ")
                .append(run.sizes.endpoint().toSeconds())
                .append(" s, each right after its own warm-up (")
                .append(run.warmUpRule())
                .append(").")
                .append(backlog)
                .append("\n\n");
        section.append(run.loadTable(results));
        run.report.section(Scenarios.BIG_MEMBER, section.toString());
        Load.Result digest = results.getFirst();
        double digestP99 = digest.percentileMillis(0.99);
        run.report.target(
                Scenarios.BIG_MEMBER,
                "digest of a " + Stats.count(ids.size()) + "-contact member",
                "p99 ≤ 100 ms",
                "p50 " + Stats.millis(digest.percentileMillis(0.5)) + ", p99 " + Stats.millis(digestP99),
                digest.non2xx() == 0 && digestP99 <= 100);
        for (int i = 1; i < results.size(); i++) {
            Load.Result result = results.get(i);
            run.report.target(
                    Scenarios.BIG_MEMBER + i,
                    (i == 1 ? "contact list" : i == 2 ? "search" : "network health") + " of that member",
                    "(measured)",
                    "p50 " + Stats.millis(result.percentileMillis(0.5)) + ", p99 "
                            + Stats.millis(result.percentileMillis(0.99)),
                    "measured");
        }
    }
}

package dev.rapport.platform.faults;

import dev.rapport.platform.harness.Await;
import dev.rapport.platform.harness.PlatformClient;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scenario 6: hostile requests for every operation of the published OpenAPI documents (fetched from the gateway),
 * built from each operation's parameters and request-body schema with jqwik's generators. Requests that must be
 * refused (invalid JSON, wrong content types, wrong types, out-of-range numbers, oversized bodies, garbage ids and
 * cursors) go as a member with data, whose export must not change; requests that may legitimately succeed (huge
 * and unusual strings, missing and extra fields) go as a second member. Every answer must be below 500, and every
 * 4xx must be {@code application/problem+json}.
 */
final class HostileInput {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(HostileInput.class);

    static final String MEMBER = "faults-hostile";
    static final String FUZZ = "faults-hostile-fuzz";
    private static final List<String> DOCUMENTS =
            List.of("/v3/api-docs/contacts", "/v3/api-docs/reminders", "/v3/api-docs/content", "/v3/api-docs");
    /** Never sent: it erases the member (the data this scenario compares). */
    private static final Set<String> SKIPPED = Set.of("DELETE /api/v1/me");

    private static final int CLIENTS = 6;

    /** A request whose answer broke a rule. */
    record Finding(HostileRequests.Case hostile, int status, String contentType, String body) {}

    private final FaultScenarios run;
    private final int perOperation;
    private final HostileRequests requests;

    HostileInput(FaultScenarios run) {
        this.run = run;
        this.perOperation = run.sizes.casesPerOperation();
        this.requests = new HostileRequests(run.client, perOperation);
    }

    String load() {
        return "for every operation of the 4 published OpenAPI documents: the fixed kinds (invalid JSON, wrong content"
                + " types, oversized body, wrong type and out-of-range number per field, missing required and extra"
                + " fields) and " + perOperation + " generated values per kind (unusual and huge strings, bad ids and"
                + " cursors), from " + CLIENTS + " clients through the gateway";
    }

    void run(FaultReport.Scenario scenario) throws Exception {
        List<String> contacts = run.contacts(MEMBER, 3);
        run.contacts(FUZZ, 3);
        String promise = Promises.promise("hostile", 0);
        run.client.expectOk(run.promises.interaction(MEMBER, contacts.getFirst(), promise), "log an interaction");
        run.client.expectOk(
                PlatformClient.json(
                                run.client.viaGateway(MEMBER, "POST", "/api/v1/content/items"),
                                "POST",
                                Map.of("title", "Hostile input target", "channel", "blog", "format", "article"))
                        .build(),
                "create a content item");
        Await.until(
                "the follow-up of the target member's promise",
                Duration.ofSeconds(60),
                () -> run.promises.followUpCounts(MEMBER, Set.of(promise)).size() == 1);
        String before = exportDigest("before");

        List<HostileRequests.Case> cases = new ArrayList<>();
        Map<String, Integer> operations = new TreeMap<>();
        for (String document : DOCUMENTS) {
            OpenAPI api = fetch(document);
            for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
                for (Map.Entry<PathItem.HttpMethod, Operation> operation :
                        path.getValue().readOperationsMap().entrySet()) {
                    String method = operation.getKey().name();
                    if (SKIPPED.contains(method + " " + path.getKey())
                            || !path.getKey().startsWith("/api/")) {
                        continue;
                    }
                    List<HostileRequests.Case> generated =
                            requests.cases(document, method, path.getKey(), operation.getValue());
                    operations.merge(document, 1, Integer::sum);
                    cases.addAll(generated);
                }
            }
        }
        scenario.note("operations per document: " + operations + "; " + cases.size() + " requests generated");

        ConcurrentLinkedQueue<HostileRequests.Case> queue = new ConcurrentLinkedQueue<>(cases);
        ConcurrentLinkedQueue<Finding> serverErrors = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Finding> notProblems = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> unanswered = new ConcurrentLinkedQueue<>();
        Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(Thread.ofVirtual().name("hostile-" + i).start(() -> {
                HostileRequests.Case next;
                while ((next = queue.poll()) != null && !Thread.currentThread().isInterrupted()) {
                    try {
                        HttpResponse<String> answer = run.send(next.request());
                        int status = answer.statusCode();
                        statuses.computeIfAbsent(status, s -> new AtomicInteger())
                                .incrementAndGet();
                        String type =
                                answer.headers().firstValue("Content-Type").orElse("");
                        Finding finding = new Finding(next, status, type, answer.body());
                        if (status >= 500) {
                            serverErrors.add(finding);
                        } else if (status >= 400 && !type.startsWith("application/problem+json")) {
                            notProblems.add(finding);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (Exception e) {
                        unanswered.add(next.method() + " " + next.template() + " (" + next.kind() + "): " + e);
                    }
                }
            }));
        }
        for (Thread client : clients) {
            client.join();
        }
        scenario.note("answers by status: " + new TreeMap<>(statuses));
        for (Finding finding : serverErrors) {
            log.warn(
                    "5xx: {} {} [{}] as {} → {} {} {}",
                    finding.hostile().method(),
                    finding.hostile().request().uri(),
                    finding.hostile().kind(),
                    finding.hostile().member(),
                    finding.status(),
                    finding.contentType(),
                    FaultsText.abbreviate(finding.body(), 300));
        }
        for (Finding finding : notProblems) {
            log.warn(
                    "not a problem: {} {} [{}] as {} → {} {} {}",
                    finding.hostile().method(),
                    FaultsText.abbreviate(finding.hostile().request().uri().toString(), 300),
                    finding.hostile().kind(),
                    finding.hostile().member(),
                    finding.status(),
                    finding.contentType(),
                    FaultsText.abbreviate(finding.body(), 300));
        }
        scenario.equal(
                "requests sent",
                cases.size(),
                statuses.values().stream().mapToInt(AtomicInteger::get).sum() + unanswered.size());
        scenario.check(
                "requests without an answer (connection reset, timeout)",
                0,
                unanswered.size()
                        + (unanswered.isEmpty()
                                ? ""
                                : ": " + List.copyOf(unanswered).subList(0, Math.min(5, unanswered.size()))),
                unanswered.isEmpty());
        scenario.check("answers 5xx", 0, describe(serverErrors), serverErrors.isEmpty());
        scenario.check(
                "4xx answers that are not application/problem+json", 0, describe(notProblems), notProblems.isEmpty());
        String after = exportDigest("after");
        scenario.equal("the target member's export (GET /api/v1/me/export) before and after", before, after);
    }

    private String describe(ConcurrentLinkedQueue<Finding> findings) {
        if (findings.isEmpty()) {
            return "0";
        }
        Map<String, Finding> byOperation = new TreeMap<>();
        findings.forEach(f -> byOperation.putIfAbsent(
                f.hostile().method() + " " + f.hostile().template() + " ("
                        + f.hostile().kind() + ")",
                f));
        StringBuilder out = new StringBuilder(findings.size() + " (" + byOperation.size() + " operation/kind pairs): ");
        byOperation.values().stream()
                .limit(12)
                .forEach(f -> out.append(f.hostile().method())
                        .append(' ')
                        .append(f.hostile().template())
                        .append(" [")
                        .append(f.hostile().kind())
                        .append("] → ")
                        .append(f.status())
                        .append(' ')
                        .append(f.contentType())
                        .append(' ')
                        .append(FaultsText.abbreviate(f.body(), 160))
                        .append("; "));
        return out.toString();
    }

    private OpenAPI fetch(String document) throws Exception {
        PlatformClient.Answer answer = run.client.expectOk(
                HttpRequest.newBuilder(run.platform.gatewayUrl().resolve(document))
                        .GET()
                        .build(),
                "read " + document);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(answer.body(), null, options);
        if (parsed.getOpenAPI() == null) {
            throw new FaultException(document + " is not a readable OpenAPI document: " + parsed.getMessages());
        }
        return parsed.getOpenAPI();
    }

    /** The target member's export without its time of export, as a digest. */
    private String exportDigest(String name) throws Exception {
        byte[] canonical = MemberState.export(run.client, MEMBER, "export " + MEMBER);
        // Kept next to the logs: when the digests differ, a diff of the two files says what changed.
        java.nio.file.Files.write(run.platform.varDir().resolve("hostile-export-" + name + ".json"), canonical);
        return canonical.length + " bytes, " + MemberState.digest(canonical);
    }
}

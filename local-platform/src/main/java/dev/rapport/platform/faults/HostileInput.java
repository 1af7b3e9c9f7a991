package dev.rapport.platform.faults;

import dev.rapport.platform.harness.PlatformClient;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

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
    /** An address the outbound guard refuses: nothing generated here ever leaves the machine. */
    private static final String LOOPBACK_URL = "https://127.0.0.1:1/faults";

    private static final int OVERSIZED = 1_500_000;
    private static final int CLIENTS = 6;

    /** One generated request. */
    record Case(String document, String method, String template, String kind, String member, HttpRequest request) {}

    /** A request whose answer broke a rule. */
    record Finding(Case hostile, int status, String contentType, String body) {}

    private final FaultScenarios run;
    private final int perOperation;

    HostileInput(FaultScenarios run) {
        this.run = run;
        this.perOperation = run.sizes.casesPerOperation();
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
        String promise = FaultScenarios.promise("hostile", 0);
        run.client.expectOk(run.interaction(MEMBER, contacts.getFirst(), promise), "log an interaction");
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
                () -> run.followUpCounts(MEMBER, Set.of(promise)).size() == 1);
        String before = exportDigest("before");

        List<Case> cases = new ArrayList<>();
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
                    List<Case> generated = cases(document, method, path.getKey(), operation.getValue());
                    operations.merge(document, 1, Integer::sum);
                    cases.addAll(generated);
                }
            }
        }
        scenario.note("operations per document: " + operations + "; " + cases.size() + " requests generated");

        ConcurrentLinkedQueue<Case> queue = new ConcurrentLinkedQueue<>(cases);
        ConcurrentLinkedQueue<Finding> serverErrors = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Finding> notProblems = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> unanswered = new ConcurrentLinkedQueue<>();
        Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(Thread.ofVirtual().name("hostile-" + i).start(() -> {
                Case next;
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
        PlatformClient.Answer export = run.client.expectOk(
                run.client.viaGateway(MEMBER, "GET", "/api/v1/me/export").GET().build(), "export " + MEMBER);
        JsonNode body = export.json();
        withoutExportTimes(body);
        byte[] canonical = PlatformClient.JSON.writeValueAsBytes(body);
        // Kept next to the logs: when the digests differ, a diff of the two files says what changed.
        java.nio.file.Files.write(run.platform.varDir().resolve("hostile-export-" + name + ".json"), canonical);
        return canonical.length + " bytes, sha256 "
                + HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical))
                        .substring(0, 16);
    }

    /** Removes every part's {@code exportedAt}: the time of the export, not the member's data. */
    private static void withoutExportTimes(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("exportedAt");
        }
        for (JsonNode child : node) {
            withoutExportTimes(child);
        }
    }

    // ------------------------------------------------------------------------------------------ generation

    private List<Case> cases(String document, String method, String template, Operation operation) {
        List<Case> cases = new ArrayList<>();
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        Schema<?> body = jsonBody(operation);
        boolean hasBody = operation.getRequestBody() != null;
        boolean imports = template.contains("/imports");
        boolean writes = !method.equals("GET") && !method.equals("HEAD");

        // Garbage in every path parameter (the target member: no such resource, nothing changes).
        for (int i = 0; i < perOperation; i++) {
            String value = i == 0 ? HostileValues.huge().substring(0, 3_000) : HostileValues.unusual();
            if (!parameters.stream().anyMatch(p -> "path".equals(p.getIn()))) {
                break;
            }
            cases.add(request(
                    document,
                    method,
                    template,
                    "garbage path id",
                    MEMBER,
                    path(template, p -> value),
                    query(parameters, false),
                    hasBody ? "application/json" : null,
                    hasBody ? skeleton(body) : null));
        }
        // Hostile query values, cursors, limits: reads only for the target member.
        List<Parameter> queries =
                parameters.stream().filter(p -> "query".equals(p.getIn())).toList();
        if (!queries.isEmpty()) {
            for (int i = 0; i < perOperation; i++) {
                String who = writes ? FUZZ : MEMBER;
                cases.add(request(
                        document,
                        method,
                        template,
                        "hostile query values",
                        who,
                        path(template, p -> UUID.randomUUID().toString()),
                        query(parameters, true),
                        hasBody ? "application/json" : null,
                        hasBody ? skeleton(body) : null));
            }
        }
        if (!hasBody) {
            return cases;
        }
        String real = path(template, p -> UUID.randomUUID().toString());
        String target = imports ? FUZZ : MEMBER;
        // Must be refused: invalid JSON, wrong content types, oversized.
        for (String invalid : List.of("{", "{\"a\":", "[1,", "nul", "{\"a\" 1}", "\"unterminated", "{}}")) {
            cases.add(
                    request(document, method, template, "invalid JSON", target, real, "", "application/json", invalid));
        }
        cases.add(request(
                document,
                method,
                template,
                "bytes that are not UTF-8",
                target,
                real,
                "",
                "application/json",
                new String(new byte[] {(byte) 0xff, (byte) 0xfe, '{'}, StandardCharsets.ISO_8859_1)));
        cases.add(
                request(document, method, template, "wrong content type", target, real, "", "application/xml", "<a/>"));
        cases.add(request(document, method, template, "wrong content type", FUZZ, real, "", "text/plain", "hello"));
        cases.add(request(document, method, template, "no content type", target, real, "", null, "{}"));
        cases.add(request(
                document,
                method,
                template,
                "oversized body",
                imports ? FUZZ : MEMBER,
                real,
                "",
                "application/json",
                "{\"x\":\"" + "a".repeat(OVERSIZED) + "\"}"));
        if (body == null || body.getProperties() == null) {
            cases.add(request(
                    document,
                    method,
                    template,
                    "JSON of the wrong shape",
                    target,
                    real,
                    "",
                    "application/json",
                    "[[[]]]"));
            return cases;
        }
        Map<String, Object> skeleton = skeleton(body);
        for (Map.Entry<String, Schema> property : body.getProperties().entrySet()) {
            String name = property.getKey();
            Schema<?> schema = property.getValue();
            Map<String, Object> wrong = new LinkedHashMap<>(skeleton);
            wrong.put(name, HostileValues.wrongType(type(schema)));
            cases.add(request(
                    document, method, template, "wrong type for " + name, target, real, "", "application/json", wrong));
            if (isNumber(schema) && (schema.getMinimum() != null || schema.getMaximum() != null)) {
                for (int i = 0; i < Math.max(2, perOperation / 4); i++) {
                    Map<String, Object> range = new LinkedHashMap<>(skeleton);
                    range.put(name, HostileValues.outOfRange());
                    cases.add(request(
                            document,
                            method,
                            template,
                            "out-of-range " + name,
                            FUZZ,
                            real,
                            "",
                            "application/json",
                            range));
                }
            }
            if ("string".equals(type(schema))) {
                for (int i = 0; i < perOperation; i++) {
                    Map<String, Object> odd = new LinkedHashMap<>(skeleton);
                    odd.put(name, i == 0 ? HostileValues.huge() : HostileValues.unusual());
                    cases.add(request(
                            document,
                            method,
                            template,
                            (i == 0 ? "huge " : "unusual ") + name,
                            FUZZ,
                            real,
                            "",
                            "application/json",
                            odd));
                }
            }
        }
        for (Object required : body.getRequired() == null ? List.of() : body.getRequired()) {
            Map<String, Object> missing = new LinkedHashMap<>(skeleton);
            missing.remove(String.valueOf(required));
            cases.add(request(
                    document, method, template, "missing " + required, FUZZ, real, "", "application/json", missing));
        }
        Map<String, Object> extra = new LinkedHashMap<>(skeleton);
        extra.put("unexpected" + HostileValues.unusual(), HostileValues.unusual());
        extra.put("$where", Map.of("$gt", ""));
        extra.put("__proto__", Map.of("admin", true));
        cases.add(request(document, method, template, "extra fields", FUZZ, real, "", "application/json", extra));
        return cases;
    }

    private Case request(
            String document,
            String method,
            String template,
            String kind,
            String member,
            String path,
            String query,
            String contentType,
            Object body) {
        String pathAndQuery = path + query;
        HttpRequest.Builder builder = run.client
                .viaGateway(member, method, pathAndQuery)
                .timeout(Duration.ofSeconds(30))
                .header("Idempotency-Key", UUID.randomUUID().toString());
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (kind.equals("oversized body")) {
            // As a careful client sends a large upload: the gateway's 413 comes before the body is sent. Without it,
            // the gateway answers 413 from the declared length and closes while the body is still being sent, and
            // the client may read a reset instead of the answer (seen once in a few thousand).
            builder.expectContinue(true);
        }
        HttpRequest.BodyPublisher publisher;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (body instanceof String text) {
            publisher = HttpRequest.BodyPublishers.ofByteArray(
                    text.getBytes(kind.contains("UTF-8") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
        } else {
            publisher = HttpRequest.BodyPublishers.ofString(HostileValues.json(body), StandardCharsets.UTF_8);
        }
        return new Case(
                document,
                method,
                template,
                kind,
                member,
                builder.method(method, publisher).build());
    }

    private static String path(String template, java.util.function.Function<String, String> value) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher matcher =
                java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
        while (matcher.find()) {
            matcher.appendReplacement(
                    out, java.util.regex.Matcher.quoteReplacement(HostileValues.encode(value.apply(matcher.group(1)))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String query(List<Parameter> parameters, boolean hostile) {
        StringBuilder out = new StringBuilder();
        for (Parameter parameter : parameters) {
            if (!"query".equals(parameter.getIn()) || (!hostile && !Boolean.TRUE.equals(parameter.getRequired()))) {
                continue;
            }
            String name = parameter.getName();
            Object value;
            if (!hostile) {
                value = plain(parameter.getSchema(), name);
            } else if (name.toLowerCase(Locale.ROOT).contains("cursor")) {
                value = HostileValues.cursor();
            } else if (isNumber(parameter.getSchema())) {
                value = HostileValues.outOfRange();
            } else {
                value = HostileValues.unusual();
            }
            out.append(out.isEmpty() ? '?' : '&')
                    .append(HostileValues.encode(name))
                    .append('=')
                    .append(HostileValues.encode(String.valueOf(value)));
        }
        return out.toString();
    }

    private static Schema<?> jsonBody(Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return null;
        }
        MediaType json = operation.getRequestBody().getContent().get("application/json");
        return json == null ? null : json.getSchema();
    }

    /** A plausible body from the schema: examples, enums, first values; URLs on loopback, refused by the guard. */
    private static Map<String, Object> skeleton(Schema<?> schema) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (schema == null || schema.getProperties() == null) {
            return body;
        }
        schema.getProperties().forEach((name, property) -> body.put(name, plain(property, name)));
        return body;
    }

    private static Object plain(Schema<?> schema, String name) {
        if (schema == null) {
            return "x";
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (schema.getExample() != null && !(lower.contains("url") || lower.contains("host"))) {
            return schema.getExample() instanceof JsonNode node ? node.toString() : schema.getExample();
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return String.valueOf(schema.getEnum().getFirst());
        }
        String type = type(schema);
        String format = schema.getFormat() == null ? "" : schema.getFormat();
        return switch (type) {
            case "integer", "number" -> schema.getMinimum() != null ? schema.getMinimum() : 1;
            case "boolean" -> Boolean.TRUE;
            case "array" -> List.of();
            case "object" -> skeleton(schema);
            default -> {
                if (format.equals("uri") || lower.contains("url") || lower.contains("host") || lower.contains("feed")) {
                    yield LOOPBACK_URL;
                }
                if (format.equals("date-time")) {
                    yield LocalDate.now(ZoneOffset.UTC).plusDays(3) + "T09:00:00Z";
                }
                if (format.equals("date")) {
                    yield LocalDate.now(ZoneOffset.UTC).plusDays(3).toString();
                }
                if (format.equals("email") || lower.contains("email")) {
                    yield "someone@example.org";
                }
                yield "faults";
            }
        };
    }

    private static String type(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        if (schema.getTypes() != null && !schema.getTypes().isEmpty()) {
            return schema.getTypes().stream()
                    .filter(t -> !t.equals("null"))
                    .findFirst()
                    .orElse("object");
        }
        return schema.getProperties() != null ? "object" : "string";
    }

    private static boolean isNumber(Schema<?> schema) {
        if (schema == null) {
            return false;
        }
        String type = type(schema);
        return type.equals("integer") || type.equals("number");
    }
}

package dev.rapport.platform.faults;

import dev.rapport.platform.harness.PlatformClient;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The hostile requests of scenario 6 for one operation of an OpenAPI document, built from its parameters and
 * request-body schema: garbage ids and query values, invalid JSON, wrong content types, an oversized body, wrong
 * types, out-of-range numbers, unusual and huge strings, missing and extra fields; each addressed to the member
 * whose data must not change or to the member that may be changed ({@link HostileInput}).
 */
final class HostileRequests {

    private static final int OVERSIZED = 1_500_000;

    /** One generated request. */
    record Case(String document, String method, String template, String kind, String member, HttpRequest request) {}

    private final PlatformClient client;
    private final int perOperation;

    HostileRequests(PlatformClient client, int perOperation) {
        this.client = client;
        this.perOperation = perOperation;
    }

    List<Case> cases(String document, String method, String template, Operation operation) {
        List<Case> cases = new ArrayList<>();
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        Schema<?> body = SchemaValues.jsonBody(operation);
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
                    HostileInput.MEMBER,
                    path(template, p -> value),
                    query(parameters, false),
                    hasBody ? "application/json" : null,
                    hasBody ? SchemaValues.skeleton(body) : null));
        }
        // Hostile query values, cursors, limits: reads only for the target member.
        List<Parameter> queries =
                parameters.stream().filter(p -> "query".equals(p.getIn())).toList();
        if (!queries.isEmpty()) {
            for (int i = 0; i < perOperation; i++) {
                String who = writes ? HostileInput.FUZZ : HostileInput.MEMBER;
                cases.add(request(
                        document,
                        method,
                        template,
                        "hostile query values",
                        who,
                        path(template, p -> UUID.randomUUID().toString()),
                        query(parameters, true),
                        hasBody ? "application/json" : null,
                        hasBody ? SchemaValues.skeleton(body) : null));
            }
        }
        if (!hasBody) {
            return cases;
        }
        String real = path(template, p -> UUID.randomUUID().toString());
        String target = imports ? HostileInput.FUZZ : HostileInput.MEMBER;
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
        cases.add(request(
                document, method, template, "wrong content type", HostileInput.FUZZ, real, "", "text/plain", "hello"));
        cases.add(request(document, method, template, "no content type", target, real, "", null, "{}"));
        cases.add(request(
                document,
                method,
                template,
                "oversized body",
                imports ? HostileInput.FUZZ : HostileInput.MEMBER,
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
        Map<String, Object> skeleton = SchemaValues.skeleton(body);
        for (Map.Entry<String, Schema> property : body.getProperties().entrySet()) {
            String name = property.getKey();
            Schema<?> schema = property.getValue();
            Map<String, Object> wrong = new LinkedHashMap<>(skeleton);
            wrong.put(name, HostileValues.wrongType(SchemaValues.type(schema)));
            cases.add(request(
                    document, method, template, "wrong type for " + name, target, real, "", "application/json", wrong));
            if (SchemaValues.isNumber(schema) && (schema.getMinimum() != null || schema.getMaximum() != null)) {
                for (int i = 0; i < Math.max(2, perOperation / 4); i++) {
                    Map<String, Object> range = new LinkedHashMap<>(skeleton);
                    range.put(name, HostileValues.outOfRange());
                    cases.add(request(
                            document,
                            method,
                            template,
                            "out-of-range " + name,
                            HostileInput.FUZZ,
                            real,
                            "",
                            "application/json",
                            range));
                }
            }
            if ("string".equals(SchemaValues.type(schema))) {
                for (int i = 0; i < perOperation; i++) {
                    Map<String, Object> odd = new LinkedHashMap<>(skeleton);
                    odd.put(name, i == 0 ? HostileValues.huge() : HostileValues.unusual());
                    cases.add(request(
                            document,
                            method,
                            template,
                            (i == 0 ? "huge " : "unusual ") + name,
                            HostileInput.FUZZ,
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
                    document,
                    method,
                    template,
                    "missing " + required,
                    HostileInput.FUZZ,
                    real,
                    "",
                    "application/json",
                    missing));
        }
        Map<String, Object> extra = new LinkedHashMap<>(skeleton);
        extra.put("unexpected" + HostileValues.unusual(), HostileValues.unusual());
        extra.put("$where", Map.of("$gt", ""));
        extra.put("__proto__", Map.of("admin", true));
        cases.add(request(
                document, method, template, "extra fields", HostileInput.FUZZ, real, "", "application/json", extra));
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
        HttpRequest.Builder builder = client.viaGateway(member, method, pathAndQuery)
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
                value = SchemaValues.plain(parameter.getSchema(), name);
            } else if (name.toLowerCase(Locale.ROOT).contains("cursor")) {
                value = HostileValues.cursor();
            } else if (SchemaValues.isNumber(parameter.getSchema())) {
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
}

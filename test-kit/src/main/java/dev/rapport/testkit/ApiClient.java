package dev.rapport.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for integration tests: JSON in, status, headers and JSON out. */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String IDENTITY_HEADER = "X-Rapport-Identity";
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Map<String, String> headers = new LinkedHashMap<>();
    /** Signs the identity of each request (method, raw path), as the gateway does; null for none. */
    private final BiFunction<String, String, String> identity;

    private ApiClient(String baseUrl, BiFunction<String, String, String> identity) {
        this.baseUrl = baseUrl;
        this.identity = identity;
    }

    /** A client for a service on a local port, calling as a member of tenant alumni with every scope. */
    public static ApiClient asMember(int port, String memberId) {
        return asMember(port, memberId, TestIdentity.TENANT, TestIdentity.ALL_SCOPES);
    }

    /**
     * A client for a service on a local port, calling as a member: each request carries the gateway's signed
     * identity, made for that request.
     */
    public static ApiClient asMember(int port, String memberId, String tenantId, Set<String> scopes) {
        return new ApiClient(
                "http://127.0.0.1:" + port,
                (method, path) -> TestIdentity.headerFor(memberId, tenantId, scopes, method, path));
    }

    /** A client calling as one of a member's API keys (tenant alumni), as the gateway forwards such a request. */
    public static ApiClient asApiKey(int port, String memberId, String apiKeyId, Set<String> scopes) {
        return new ApiClient(
                "http://127.0.0.1:" + port,
                (method, path) -> TestIdentity.headerForApiKey(memberId, apiKeyId, scopes, method, path));
    }

    /** A client for any base URL, with no identity. */
    public static ApiClient anonymous(String baseUrl) {
        return new ApiClient(baseUrl, null);
    }

    /** A copy with one more header on every request. */
    public ApiClient header(String name, String value) {
        ApiClient copy = new ApiClient(baseUrl, identity);
        copy.headers.putAll(headers);
        copy.headers.put(name, value);
        return copy;
    }

    /** An answer: status, headers and the body parsed as JSON (a missing node when empty or not JSON). */
    public record Answer(int status, HttpResponse<String> raw, JsonNode json) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    public Answer get(String path) {
        return send("GET", path, null);
    }

    public Answer post(String path, Object body) {
        return send("POST", path, body);
    }

    public Answer put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Answer patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    public Answer delete(String path) {
        return send("DELETE", path, null);
    }

    /** Sends a request; a String body is sent as it is, anything else as JSON. */
    public Answer send(String method, String path, Object body) {
        URI target = URI.create(baseUrl + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        if (identity != null && !headers.containsKey(IDENTITY_HEADER)) {
            request.header(IDENTITY_HEADER, identity.apply(method, target.getRawPath()));
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            if (!headers.containsKey("Content-Type")) {
                request.header("Content-Type", "application/json");
            }
            request.method(method, HttpRequest.BodyPublishers.ofString(text));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response, parse(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.missingNode();
        }
    }
}

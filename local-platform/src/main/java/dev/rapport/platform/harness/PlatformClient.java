package dev.rapport.platform.harness;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.platform.TokenIssuer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark's HTTP calls: through the gateway with a member token, or straight to a service with the
 * signed identity header the gateway would have added.
 */
public final class PlatformClient implements AutoCloseable {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> SCOPES = Set.of(TokenIssuer.SCOPE.split(" "));

    /** An answer with its body as text. */
    public record Answer(int status, String body, HttpResponse<String> raw) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private final HttpClient http;
    private final URI gateway;
    private final TokenIssuer tokens;
    private final byte[] identitySecret;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, String> tokenByMember = new ConcurrentHashMap<>();

    public PlatformClient(URI gateway, TokenIssuer tokens, String identitySecret) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.gateway = gateway;
        this.tokens = tokens;
        this.identitySecret = identitySecret.getBytes(StandardCharsets.UTF_8);
    }

    /** A request through the gateway as {@code member}; {@code pathAndQuery} starts with /api. */
    public HttpRequest.Builder viaGateway(String member, String method, String pathAndQuery) {
        String token = tokenByMember.computeIfAbsent(member, m -> tokens.issue(m, Duration.ofHours(6)));
        return HttpRequest.newBuilder(gateway.resolve(pathAndQuery))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    /** A request straight to a service at {@code base} as {@code member}, with the gateway's identity header. */
    public HttpRequest.Builder direct(URI base, String member, String method, String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(REQUEST_TIMEOUT)
                .header(IdentityAssertion.HEADER, identityHeader(member, method, pathAndQuery))
                .header("Accept", "application/json");
    }

    /**
     * The {@code X-Rapport-Identity} value the gateway would send for {@code member}, signed with the
     * platform's identity secret and bound to the request's method and path. The only place the benchmark
     * builds one.
     */
    public String identityHeader(String member, String method, String pathAndQuery) {
        IdentityAssertion assertion = new IdentityAssertion(
                member, TokenIssuer.TENANT, SCOPES, clock.instant().plusSeconds(300));
        return assertion.encode(identitySecret, method, URI.create(pathAndQuery).getRawPath());
    }

    public static HttpRequest.Builder json(HttpRequest.Builder request, String method, Object body) {
        request.header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return request;
    }

    /** Sends and reads the body (for set-up calls and checks). */
    public Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response);
    }

    /** Sends and answers with the body as a stream to read and close (for answers too large to hold). */
    public HttpResponse<InputStream> open(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Sends and discards the body (for load): answers the status. */
    public int status(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Sends and fails with the answer when it is not 2xx. */
    public Answer expectOk(HttpRequest request, String what) throws IOException, InterruptedException {
        Answer answer = send(request);
        if (!answer.ok()) {
            throw new HarnessException("Could not " + what + ": " + request.method() + " " + request.uri()
                    + " answered " + answer.status() + " " + abbreviate(answer.body()));
        }
        return answer;
    }

    public static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}

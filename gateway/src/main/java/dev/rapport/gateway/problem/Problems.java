package dev.rapport.gateway.problem;

import dev.rapport.gateway.requestid.RequestIds;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the gateway's own error answers as RFC 9457 {@code application/problem+json}, the same shape the services
 * use, so that a client handles an error the same way whichever side of the gateway produced it.
 */
@Component
public class Problems {

    /** RFC 9457: with this type the title is the HTTP status phrase and the status says it all. */
    public static final String TYPE = "about:blank";

    private final JsonMapper json;

    public Problems(JsonMapper json) {
        this.json = json;
    }

    /** The problem body: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}. */
    public static Map<String, Object> body(HttpStatusCode status, String detail, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE);
        body.put("title", title(status));
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", instance);
        return body;
    }

    /** The problem body for the exchange's request. */
    public static Map<String, Object> body(HttpStatusCode status, String detail, ServerWebExchange exchange) {
        return body(status, detail, RequestIds.originalPath(exchange));
    }

    /** Answers the exchange with a problem, unless a response is already on its way. */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String detail) {
        return write(exchange, status, detail, headers -> {});
    }

    /** Answers the exchange with a problem and extra headers ({@code Retry-After}, {@code WWW-Authenticate} …). */
    public Mono<Void> write(
            ServerWebExchange exchange, HttpStatusCode status, String detail, Consumer<HttpHeaders> extraHeaders) {
        return write(exchange, status, detail, extraHeaders, Map.of());
    }

    /** Answers the exchange with a problem, extra headers and extra members ({@code errors} …). */
    public Mono<Void> write(
            ServerWebExchange exchange,
            HttpStatusCode status,
            String detail,
            Consumer<HttpHeaders> extraHeaders,
            Map<String, Object> properties) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        Map<String, Object> body = body(status, detail, exchange);
        properties.forEach(body::putIfAbsent);
        byte[] bytes = json.writeValueAsBytes(body);
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(bytes.length);
        if (carriesBody(exchange.getRequest())) {
            // The refused body was never read. Reactor Netty 1.3 can then stop reading the keep-alive connection
            // (the client's next request on it hangs), and a client streaming a large body would go on sending it:
            // closing the connection after the answer avoids both.
            headers.setConnection("close");
        }
        extraHeaders.accept(headers);
        return response.writeWith(
                Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
    }

    private static boolean carriesBody(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    private static String title(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "HTTP " + status.value();
    }
}

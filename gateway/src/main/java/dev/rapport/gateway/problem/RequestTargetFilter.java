package dev.rapport.gateway.problem;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses, as {@code application/problem+json}, a request target the services could not read: longer than
 * {@value #MAX_TARGET} characters (414), or whose path or query holds a broken percent-escape or bytes that are not
 * UTF-8 (400). Left to them, the services' servers answered such requests with an HTML page or Spring Boot's JSON
 * error (found by {@code ./rapport faults}, docs/reliability.md). The gateway's HTTP server accepts request lines
 * up to 64 KB ({@code server.netty.max-initial-line-length}) so that this filter, not Netty's empty 414, answers.
 */
@Component
public class RequestTargetFilter implements WebFilter, Ordered {

    /** Tomcat's default limit for the request line and headers is 8 KB: a target longer than this never fits. */
    static final int MAX_TARGET = 8_000;

    /** First of the gateway's own filters after the request id, before Spring Security's chain ({@code -100}). */
    static final int ORDER = -200;

    private final Problems problems;

    public RequestTargetFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getURI().getRawPath();
        String query = exchange.getRequest().getURI().getRawQuery();
        int length = (path == null ? 0 : path.length()) + (query == null ? 0 : query.length() + 1);
        if (length > MAX_TARGET) {
            return problems.write(
                    exchange,
                    HttpStatus.URI_TOO_LONG,
                    "The request target is " + length + " characters long; at most " + MAX_TARGET + " are accepted");
        }
        String problem = unreadable(path, "path");
        if (problem == null) {
            problem = unreadable(query, "query");
        }
        if (problem != null) {
            return problems.write(exchange, HttpStatus.BAD_REQUEST, problem);
        }
        return chain.filter(exchange);
    }

    /** Why a raw (still percent-encoded) path or query cannot be read as UTF-8, or null when it can. */
    static String unreadable(String raw, String part) {
        if (raw == null || raw.indexOf('%') < 0) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                // Only ASCII is left unescaped in a raw URI; anything else is encoded as UTF-8 by whoever parsed it.
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (bytes.remaining() < encoded.length) {
                    bytes = grow(bytes, encoded.length);
                }
                bytes.put(encoded);
                continue;
            }
            if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
                return "The request's " + part + " has a broken percent-escape at character " + (i + 1);
            }
            bytes.put((byte) (hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2))));
            i += 2;
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return null;
        } catch (CharacterCodingException e) {
            return "The request's " + part + " is not UTF-8 once its percent-escapes are decoded";
        }
    }

    private static ByteBuffer grow(ByteBuffer buffer, int more) {
        ByteBuffer bigger = ByteBuffer.allocate(buffer.capacity() * 2 + more);
        buffer.flip();
        return bigger.put(buffer);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}

package dev.rapport.gateway.requestid;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.web.server.ServerWebExchange;

/** The correlation id every request carries through the gateway: header, exchange attribute and logging key. */
public final class RequestIds {

    /** The header a client may send, that the services receive and that every response carries. */
    public static final String HEADER = "X-Request-Id";

    /** The MDC (and Reactor context) key under which the id appears in log lines. */
    public static final String MDC_KEY = "requestId";

    /** What a client-sent id must look like to be passed on rather than replaced. */
    public static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    static final String ID_ATTRIBUTE = RequestIds.class.getName() + ".id";
    static final String PATH_ATTRIBUTE = RequestIds.class.getName() + ".path";

    private RequestIds() {}

    /** The request id of the exchange, or {@code null} outside the gateway's filter chain. */
    public static @Nullable String of(ServerWebExchange exchange) {
        return exchange.getAttribute(ID_ATTRIBUTE);
    }

    /**
     * The path the client asked for: a circuit-breaker fallback rewrites the request path, but problems must still
     * name the client's resource.
     */
    public static String originalPath(ServerWebExchange exchange) {
        String path = exchange.getAttribute(PATH_ATTRIBUTE);
        return path != null ? path : exchange.getRequest().getPath().value();
    }

    /**
     * Runs a logging statement with the request id in the MDC: callbacks of reactive operators may run on a thread
     * where the automatic context propagation has not restored it.
     */
    public static void withMdc(ServerWebExchange exchange, Runnable logStatement) {
        String id = of(exchange);
        if (id == null) {
            logStatement.run();
            return;
        }
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, id);
        try {
            logStatement.run();
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }
}

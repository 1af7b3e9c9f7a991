package dev.rapport.support.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * An HTTP client for member- and operator-given URLs that goes only where {@link OutboundGuard} allows: the
 * guard is its name resolver, so the address checked is the address connected to (TLS still verifies the
 * certificate against the host name and sends it as SNI); it follows no redirect (a caller that wants them
 * follows them by hand, through {@link #send} again, so each hop is checked and carries only what the caller
 * puts on it), keeps no cookies, retries nothing and reads at most a given number of bytes of an answer.
 */
public final class OutboundHttp implements AutoCloseable {

    private final OutboundGuard guard;
    private final CloseableHttpClient http;

    public OutboundHttp(OutboundGuard guard, Duration connectTimeout, Duration responseTimeout) {
        this.guard = guard;
        DnsResolver resolver = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return guard.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return host;
            }
        };
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(responseTimeout))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(false)
                        .setResponseTimeout(Timeout.of(responseTimeout))
                        .build())
                .disableRedirectHandling()
                .setRetryStrategy(new StaleConnectionRetry())
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /**
     * An answer: its status, headers (names lower-cased) and at most the requested number of body bytes.
     *
     * @param truncated the body was longer than the bytes kept
     */
    public record Response(int status, Map<String, List<String>> headers, byte[] body, boolean truncated) {

        /** The first value of header {@code name}. */
        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
        }
    }

    /**
     * Sends one request and reads its answer.
     *
     * @param body the request body, or null
     * @param contentType the body's media type (ignored without a body)
     * @param maxBodyBytes how much of the answer's body to keep (0 to discard it)
     * @throws OutboundRefusedException when the URL or the address it resolves to is refused
     * @throws IOException when the request fails (connect or response timeouts are {@link
     *     java.io.InterruptedIOException}s)
     */
    public Response send(
            String method, URI url, Map<String, String> headers, byte[] body, String contentType, long maxBodyBytes)
            throws IOException {
        guard.checkSyntax(url);
        ClassicRequestBuilder builder = ClassicRequestBuilder.create(method).setUri(url);
        headers.forEach(builder::addHeader);
        if (body != null) {
            builder.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        }
        ClassicHttpRequest request = builder.build();
        // Opened rather than handed to a response handler, which would drain the rest of a body too long to keep:
        // closing an answer that was not read to its end drops its connection instead.
        try (ClassicHttpResponse response = http.executeOpen(null, request, null)) {
            Map<String, List<String>> names = new LinkedHashMap<>();
            for (Header header : response.getHeaders()) {
                names.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                        .add(header.getValue());
            }
            byte[] bytes = new byte[0];
            boolean truncated = false;
            HttpEntity entity = response.getEntity();
            if (entity != null && maxBodyBytes > 0) {
                InputStream in = entity.getContent();
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
                if (bytes.length > maxBodyBytes) {
                    truncated = true;
                    bytes = Arrays.copyOf(bytes, (int) maxBodyBytes);
                }
            }
            return new Response(response.getCode(), Map.copyOf(names), bytes, truncated);
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    /**
     * Sends a safe request (GET, HEAD, REPORT) once more when it got no answer on a connection the server had
     * already dropped (an idle keep-alive connection it closed; the pool only checks connections idle for longer than
     * 2 s): the request could not have been acted on. Never a write, which could have been (a webhook delivery has
     * its own retries), never on a status, and never after a timeout, a refused address or a failed connect.
     */
    static final class StaleConnectionRetry extends DefaultHttpRequestRetryStrategy {

        private static final Set<String> SAFE = Set.of("GET", "HEAD", "REPORT");

        StaleConnectionRetry() {
            super(
                    1,
                    TimeValue.ZERO_MILLISECONDS,
                    List.of(
                            InterruptedIOException.class,
                            UnknownHostException.class,
                            ConnectException.class,
                            ConnectionClosedException.class,
                            NoRouteToHostException.class,
                            SSLException.class,
                            OutboundRefusedException.class),
                    List.of());
        }

        @Override
        protected boolean handleAsIdempotent(HttpRequest request) {
            return SAFE.contains(request.getMethod().toUpperCase(Locale.ROOT));
        }
    }
}

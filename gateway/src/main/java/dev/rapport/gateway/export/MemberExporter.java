package dev.rapport.gateway.export;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.gateway.GatewayProperties;
import dev.rapport.gateway.identity.IdentitySigner;
import dev.rapport.gateway.requestid.RequestIds;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.NettyPipeline;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Composes a member's export from each service's {@code GET /api/v1/me/export}, called with the member's freshly
 * signed identity, into one document: {@code {member, exportedAt, contacts, reminders, content}}. All parts or none:
 * every service must have answered {@code 200} with JSON before the export answers; when one does not, the whole
 * export fails ({@link PartUnavailable}), never a partial one that looks complete.
 *
 * <p>The parts are streamed through, one after the other, as the services write them: the gateway holds a few
 * buffers, not the export (a member with 30,000 contacts must not cost it their whole data). A part that breaks off
 * or stays silent longer than {@code rapport.gateway.export-idle-timeout} once the answer has begun ends it with JSON
 * that does not parse; a service that does not begin its part within that time makes it a 503.
 *
 * <p>The services' addresses are those of the routes {@code contacts}, {@code reminders} and {@code content}, so that
 * they are configured in one place; a service with two instances ({@code lb://<service>}) is reached through the
 * balancer, as its routes are.
 */
@Component
class MemberExporter {

    /** The path each service serves its part on. */
    static final String SERVICE_PATH = "/api/v1/me/export";

    /** The scheme of a service URL the balancer resolves ({@code ./rapport run --instances 2}). */
    private static final String LOAD_BALANCED = "lb";

    private static final DataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;

    private final List<ExportPart> parts;
    private final WebClient client;
    /** For a service with several instances ({@code lb://<service>}): the balancer picks one, as for the routes. */
    private final @Nullable WebClient balancedClient;

    private final Duration idleTimeout;
    private final IdentitySigner signer;
    private final JsonMapper json;
    private final Clock clock;

    MemberExporter(
            org.springframework.cloud.gateway.config.GatewayProperties routes,
            HttpClientProperties httpClient,
            GatewayProperties properties,
            IdentitySigner signer,
            JsonMapper json,
            Clock clock,
            ObjectProvider<ReactiveLoadBalancer.Factory<ServiceInstance>> balancers) {
        this.parts = List.of(
                part(routes, "contacts", "contacts-service"),
                part(routes, "reminders", "reminders-service"),
                part(routes, "content", "content-service"));
        this.idleTimeout = properties.exportIdleTimeout();
        this.client = client(httpClient, idleTimeout).build();
        ReactiveLoadBalancer.Factory<ServiceInstance> balancer = balancers.getIfAvailable();
        this.balancedClient = balancer == null
                ? null
                : client(httpClient, idleTimeout)
                        .filter(new ReactorLoadBalancerExchangeFilterFunction(balancer, List.of()))
                        .build();
        this.signer = signer;
        this.json = json;
        this.clock = clock;
    }

    /** The areas a caller must be allowed to read. */
    List<String> areas() {
        return parts.stream().map(ExportPart::area).toList();
    }

    /**
     * The member's export as bytes to stream, once every service has begun to answer its part; or a {@link
     * PartUnavailable} error.
     */
    Mono<Flux<DataBuffer>> export(IdentityAssertion member, @Nullable String requestId) {
        String identity = signer.sign(member, "GET", SERVICE_PATH);
        return Flux.fromIterable(parts)
                .flatMapSequential(part -> open(part, identity, requestId))
                .collectList()
                // A part that had begun while another failed is read to its end and dropped, freeing its connection.
                .doOnDiscard(OpenPart.class, OpenPart::drop)
                .map(opened -> compose(member, opened));
    }

    private Flux<DataBuffer> compose(IdentityAssertion member, List<OpenPart> opened) {
        ObjectNode head = json.createObjectNode();
        head.putObject("member").put("id", member.memberId()).put("tenantId", member.tenantId());
        head.put("exportedAt", clock.instant().toString());
        String start = json.writeValueAsString(head);
        List<Publisher<DataBuffer>> pieces = new ArrayList<>();
        pieces.add(text(start.substring(0, start.length() - 1)));
        for (OpenPart part : opened) {
            pieces.add(text("," + json.writeValueAsString(part.part().key()) + ":"));
            pieces.add(part.body().timeout(idleTimeout));
        }
        pieces.add(text("}"));
        return Flux.concat(pieces);
    }

    private static Mono<DataBuffer> text(String text) {
        return Mono.fromSupplier(() -> BUFFERS.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private Mono<OpenPart> open(ExportPart part, String identity, @Nullable String requestId) {
        URI base = part.baseUri();
        WebClient target = client;
        if (LOAD_BALANCED.equals(base.getScheme()) && balancedClient != null) {
            // The balancer's filter reads the service's name from the host of an ordinary http URL.
            base = URI.create("http://" + base.getHost() + "/");
            target = balancedClient;
        }
        return target.get()
                .uri(base.resolve(SERVICE_PATH))
                .accept(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    headers.set(IdentityAssertion.HEADER, identity);
                    if (requestId != null) {
                        headers.set(RequestIds.HEADER, requestId);
                    }
                })
                .retrieve()
                .toEntityFlux(DataBuffer.class)
                // A refused connection (an instance that just died) sent nothing: try again, the balancer choosing
                // again, as the routes' Retry filters do.
                .retryWhen(Retry.backoff(2, Duration.ofMillis(50))
                        .filter(MemberExporter::refused)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .map(answer -> {
                    OpenPart opened = new OpenPart(part, answer.getBody() == null ? Flux.empty() : answer.getBody());
                    MediaType type = answer.getHeaders().getContentType();
                    if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
                        opened.drop();
                        throw new IllegalStateException("answered " + type + ", not JSON");
                    }
                    return opened;
                })
                .onErrorMap(failure -> new PartUnavailable(part.service(), reason(failure), failure));
    }

    /** A service's part whose answer has begun: its body is still to be read. */
    private record OpenPart(ExportPart part, Flux<DataBuffer> body) {

        void drop() {
            body.subscribe(DataBufferUtils::release, failure -> {});
        }
    }

    private static String reason(Throwable failure) {
        if (failure instanceof WebClientResponseException response) {
            return "answered " + response.getStatusCode().value();
        }
        if (failure instanceof IllegalStateException state) {
            return state.getMessage();
        }
        return causedBy(
                        failure,
                        cause -> cause instanceof java.util.concurrent.TimeoutException
                                || cause instanceof io.netty.handler.timeout.ReadTimeoutException)
                ? "did not answer in time"
                : "is unavailable";
    }

    private static ExportPart part(
            org.springframework.cloud.gateway.config.GatewayProperties routes, String routeId, String service) {
        URI uri = routes.getRoutes().stream()
                .filter(route -> route.getId().equals(routeId))
                .map(RouteDefinition::getUri)
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "The export needs the route '" + routeId + "' to know where " + service + " listens"));
        return new ExportPart(routeId, routeId, service, uri);
    }

    private static boolean refused(Throwable failure) {
        return causedBy(failure, cause -> cause instanceof java.net.ConnectException);
    }

    /** Whether the failure or one of its causes is of the kind asked for. */
    private static boolean causedBy(Throwable failure, java.util.function.Predicate<Throwable> kind) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (kind.test(cause)) {
                return true;
            }
        }
        return false;
    }

    private static WebClient.Builder client(HttpClientProperties settings, Duration idleTimeout) {
        HttpClient http = HttpClient.create()
                .option(
                        ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        settings.getConnectTimeout() != null ? settings.getConnectTimeout() : 2000)
                // A service begins its part after its first read of the store, which may queue behind other
                // members' work: the export waits for it as long as for any silence in a part. From the headers on,
                // a part's body waits its turn unread (back-pressure), so the handler goes and Flux.timeout applies.
                .responseTimeout(idleTimeout)
                .doOnResponse((response, connection) -> connection.removeHandler(NettyPipeline.ResponseTimeoutHandler));
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http));
    }

    /** A service could not give its part, so there is no export. */
    static final class PartUnavailable extends RuntimeException {

        private final String service;

        PartUnavailable(String service, String reason, Throwable cause) {
            super(service + " " + reason, cause);
            this.service = service;
        }

        String service() {
            return service;
        }
    }
}

package dev.rapport.gateway.export;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.gateway.GatewayProperties;
import dev.rapport.gateway.identity.IdentitySigner;
import dev.rapport.gateway.requestid.RequestIds;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Composes a member's export from each service's {@code GET /api/v1/me/export}, called with the member's freshly
 * signed identity, into one document: {@code {member, exportedAt, contacts, reminders, content}}. All parts or none:
 * when one service fails the whole export fails ({@link PartUnavailable}), never a partial one that looks complete.
 *
 * <p>The services' addresses are those of the routes {@code contacts}, {@code reminders} and {@code content}, so that
 * they are configured in one place.
 */
@Component
class MemberExporter {

    /** The path each service serves its part on. */
    static final String SERVICE_PATH = "/api/v1/me/export";

    private final List<ExportPart> parts;
    private final WebClient client;
    private final IdentitySigner signer;
    private final JsonMapper json;
    private final Clock clock;

    MemberExporter(
            org.springframework.cloud.gateway.config.GatewayProperties routes,
            HttpClientProperties httpClient,
            GatewayProperties properties,
            IdentitySigner signer,
            JsonMapper json,
            Clock clock) {
        this.parts = List.of(
                part(routes, "contacts", "contacts-service"),
                part(routes, "reminders", "reminders-service"),
                part(routes, "content", "content-service"));
        this.client =
                client(httpClient, Math.toIntExact(properties.exportMaxSize().toBytes()));
        this.signer = signer;
        this.json = json;
        this.clock = clock;
    }

    /** The areas a caller must be allowed to read. */
    List<String> areas() {
        return parts.stream().map(ExportPart::area).toList();
    }

    /** The whole export of the member, or a {@link PartUnavailable} error. */
    Mono<ObjectNode> export(IdentityAssertion member, @Nullable String requestId) {
        String identity = signer.sign(member, "GET", SERVICE_PATH);
        return Flux.fromIterable(parts)
                .flatMapSequential(part -> fetch(part, identity, requestId).map(body -> Map.entry(part.key(), body)))
                .collectList()
                .map(bodies -> {
                    ObjectNode export = json.createObjectNode();
                    export.putObject("member").put("id", member.memberId()).put("tenantId", member.tenantId());
                    export.put("exportedAt", clock.instant().toString());
                    bodies.forEach(entry -> export.set(entry.getKey(), entry.getValue()));
                    return export;
                });
    }

    private Mono<JsonNode> fetch(ExportPart part, String identity, @Nullable String requestId) {
        return client.get()
                .uri(part.baseUri().resolve(SERVICE_PATH))
                .accept(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    headers.set(IdentityAssertion.HEADER, identity);
                    if (requestId != null) {
                        headers.set(RequestIds.HEADER, requestId);
                    }
                })
                .retrieve()
                .bodyToMono(byte[].class)
                .map(bytes -> {
                    JsonNode body = json.readTree(bytes);
                    if (!body.isObject()) {
                        throw new IllegalStateException("answered " + body.getNodeType() + ", not a JSON object");
                    }
                    return body;
                })
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("answered no body")))
                .onErrorMap(failure -> new PartUnavailable(part.service(), reason(failure), failure));
    }

    private static String reason(Throwable failure) {
        if (failure instanceof WebClientResponseException response) {
            return "answered " + response.getStatusCode().value();
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.util.concurrent.TimeoutException
                    || cause instanceof io.netty.handler.timeout.ReadTimeoutException) {
                return "did not answer in time";
            }
        }
        return "is unavailable";
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

    private static WebClient client(HttpClientProperties settings, int maxBytes) {
        Duration responseTimeout =
                settings.getResponseTimeout() != null ? settings.getResponseTimeout() : Duration.ofSeconds(10);
        HttpClient http = HttpClient.create()
                .option(
                        ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        settings.getConnectTimeout() != null ? settings.getConnectTimeout() : 2000)
                .responseTimeout(responseTimeout);
        return WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .exchangeStrategies(ExchangeStrategies.builder()
                        .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(maxBytes))
                        .build())
                .build();
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

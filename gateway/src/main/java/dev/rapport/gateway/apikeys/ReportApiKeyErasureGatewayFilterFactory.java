package dev.rapport.gateway.apikeys;

import dev.rapport.gateway.security.MemberAuthentication;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.rewrite.ModifyResponseBodyGatewayFilterFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ReportApiKeyErasure}, on the routes that answer an erasure request ({@code DELETE /api/v1/me} and
 * {@code GET /api/v1/me/erasure/{id}}): adds the gateway's part to the request's {@code services}, as
 * {@code "api-keys": {"status": "erased", "erasedAt": …}} once {@link EraseApiKeysGatewayFilterFactory} has erased
 * the member's keys, else {@code "pending"}. Answers that are not a JSON object with {@code services} (errors,
 * problems) pass unchanged.
 */
@Component
public class ReportApiKeyErasureGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    /** The gateway's entry in an erasure request's {@code services}. */
    public static final String PART = "api-keys";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApiKeyStore store;
    private final ModifyResponseBodyGatewayFilterFactory modifyResponseBody;

    ReportApiKeyErasureGatewayFilterFactory(
            ApiKeyStore store, ModifyResponseBodyGatewayFilterFactory modifyResponseBody) {
        super(Object.class);
        this.store = store;
        this.modifyResponseBody = modifyResponseBody;
    }

    @Override
    public GatewayFilter apply(Object config) {
        return modifyResponseBody.apply(new ModifyResponseBodyGatewayFilterFactory.Config()
                .setRewriteFunction(String.class, String.class, (exchange, body) -> {
                    HttpStatusCode status = exchange.getResponse().getStatusCode();
                    Optional<ObjectNode> request = erasureRequest(body);
                    if (status == null || !status.is2xxSuccessful() || request.isEmpty()) {
                        return Mono.justOrEmpty(body);
                    }
                    return exchange.getPrincipal()
                            .ofType(MemberAuthentication.class)
                            .flatMap(member -> store.erasureOf(
                                            member.identity().tenantId(),
                                            member.identity().memberId())
                                    .map(Optional::of)
                                    .defaultIfEmpty(Optional.empty()))
                            .map(erasure -> {
                                ObjectNode part = ((ObjectNode) request.get().get("services")).putObject(PART);
                                part.put("status", erasure.isPresent() ? "erased" : "pending");
                                if (erasure.isPresent()) {
                                    part.put(
                                            "erasedAt", erasure.get().erasedAt().toString());
                                } else {
                                    part.putNull("erasedAt");
                                }
                                return JSON.writeValueAsString(request.get());
                            })
                            .defaultIfEmpty(body);
                }));
    }

    private static Optional<ObjectNode> erasureRequest(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node instanceof ObjectNode object && node.path("services").isObject()
                    ? Optional.of(object)
                    : Optional.empty();
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }
}

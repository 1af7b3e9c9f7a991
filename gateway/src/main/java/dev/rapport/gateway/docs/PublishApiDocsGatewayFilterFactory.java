package dev.rapport.gateway.docs;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.rewrite.ModifyResponseBodyGatewayFilterFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code PublishApiDocs} route filter of the documentation routes: rewrites a service's OpenAPI document with
 * {@link ApiDocuments#publish}.
 */
@Component
public class PublishApiDocsGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    private final ModifyResponseBodyGatewayFilterFactory modifyResponseBody;
    private final JsonMapper json;

    public PublishApiDocsGatewayFilterFactory(
            ModifyResponseBodyGatewayFilterFactory modifyResponseBody, JsonMapper json) {
        super(Object.class);
        this.modifyResponseBody = modifyResponseBody;
        this.json = json;
    }

    @Override
    public GatewayFilter apply(Object config) {
        GatewayFilter rewrite = modifyResponseBody.apply(new ModifyResponseBodyGatewayFilterFactory.Config()
                .setRewriteFunction(byte[].class, byte[].class, (exchange, body) -> {
                    boolean ok = exchange.getResponse().getStatusCode() != null
                            && exchange.getResponse().getStatusCode().is2xxSuccessful();
                    if (!ok || body == null) {
                        return Mono.justOrEmpty(body);
                    }
                    return Mono.just(json.writeValueAsBytes(ApiDocuments.publish(json.readTree(body))));
                }));
        // The document is rewritten as JSON: ask the service for it uncompressed. The rewrite must keep its order,
        // just before the response is written.
        return new OrderedGatewayFilter(
                (exchange, chain) -> rewrite.filter(
                        exchange.mutate()
                                .request(request ->
                                        request.headers(headers -> headers.remove(HttpHeaders.ACCEPT_ENCODING)))
                                .build(),
                        chain),
                ((Ordered) rewrite).getOrder());
    }
}

package dev.rapport.gateway.apikeys;

import dev.rapport.gateway.security.MemberAuthentication;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code EraseApiKeys}, on the route of {@code DELETE /api/v1/me}: before the erasure request goes on to
 * contacts-service, every API key of the member is deleted from the gateway's store (not only revoked) and the
 * erasure recorded, so that no key outlives the member's request to be forgotten. If the keys cannot be erased the
 * request is answered 503 and goes no further: retrying it is safe.
 */
@Component
public class EraseApiKeysGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    private static final Logger log = LoggerFactory.getLogger(EraseApiKeysGatewayFilterFactory.class);

    private final ApiKeyStore store;
    private final Clock clock;

    EraseApiKeysGatewayFilterFactory(ApiKeyStore store, Clock clock) {
        super(Object.class);
        this.store = store;
        this.clock = clock;
    }

    @Override
    public GatewayFilter apply(Object config) {
        return (exchange, chain) -> exchange.getPrincipal()
                .ofType(MemberAuthentication.class)
                .switchIfEmpty(Mono.error(
                        () -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Authentication is required")))
                .flatMap(member -> store.eraseAllOf(
                                member.identity().tenantId(), member.identity().memberId(), clock.instant())
                        .doOnNext(
                                erased -> log.info("Erased {} API keys of a member who asked to be forgotten", erased))
                        .onErrorMap(
                                failure -> !(failure instanceof ResponseStatusException),
                                failure -> new ResponseStatusException(
                                        HttpStatus.SERVICE_UNAVAILABLE,
                                        "Your API keys cannot be erased right now; nothing was erased, try again",
                                        failure)))
                .then(Mono.defer(() -> chain.filter(exchange)));
    }
}

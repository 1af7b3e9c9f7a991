package dev.rapport.gateway.apikeys;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.gateway.apikeys.domain.ApiKey;
import dev.rapport.gateway.apikeys.domain.ApiKeySecret;
import dev.rapport.gateway.security.MemberAuthentication;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Authenticates a bearer credential that is an API key ({@code rk_live_…}): the key must exist, its secret must match
 * the stored hash, and it must be neither revoked nor expired. The member is the key's owner and the scopes are the
 * key's, never more.
 */
@Component
public class ApiKeyAuthenticationManager implements ReactiveAuthenticationManager {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationManager.class);

    private final ApiKeyStore store;
    private final Clock clock;

    ApiKeyAuthenticationManager(ApiKeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
            return Mono.empty();
        }
        Optional<ApiKeySecret> presented = ApiKeySecret.parse(bearer.getToken());
        if (presented.isEmpty()) {
            return Mono.error(new InvalidBearerTokenException("The API key is malformed"));
        }
        ApiKeySecret secret = presented.get();
        return store.findForAuthentication(secret.keyId())
                .onErrorMap(
                        failure -> !(failure instanceof ResponseStatusException),
                        failure -> new ResponseStatusException(
                                HttpStatus.SERVICE_UNAVAILABLE, "API keys cannot be checked right now", failure))
                .filter(key -> secret.matches(key.secretHash()))
                .switchIfEmpty(Mono.error(() -> new InvalidBearerTokenException("The API key is unknown")))
                .flatMap(key -> authenticated(key, clock.instant()));
    }

    private Mono<Authentication> authenticated(ApiKey key, Instant now) {
        return switch (key.statusAt(now)) {
            case REVOKED -> Mono.error(new InvalidBearerTokenException("The API key was revoked"));
            case EXPIRED -> Mono.error(new InvalidBearerTokenException("The API key has expired"));
            case ACTIVE -> {
                IdentityAssertion identity = new IdentityAssertion(
                        key.memberId(),
                        key.tenantId(),
                        key.scopes(),
                        key.expiresAt() != null ? key.expiresAt() : Instant.MAX);
                // Bookkeeping only: a failure to record the use must not refuse a valid key.
                yield store.markUsed(key, now)
                        .onErrorResume(failure -> {
                            log.warn("Cannot record the use of API key {}: {}", key.id(), failure.toString());
                            return Mono.empty();
                        })
                        .thenReturn(MemberAuthentication.ofApiKey(identity, key.id()));
            }
        };
    }
}

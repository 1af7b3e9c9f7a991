package dev.rapport.gateway.security;

import dev.rapport.gateway.apikeys.domain.ApiKeySecret;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * Sends each bearer credential to the one authority that can vouch for it: an API key ({@code rk_live_…}) to the key
 * store, anything else to the JWT decoder. A key is never tried as a JWT, nor a JWT looked up as a key.
 */
final class BearerAuthenticationManager implements ReactiveAuthenticationManager {

    private final ReactiveAuthenticationManager memberTokens;
    private final ReactiveAuthenticationManager apiKeys;

    BearerAuthenticationManager(ReactiveAuthenticationManager memberTokens, ReactiveAuthenticationManager apiKeys) {
        this.memberTokens = memberTokens;
        this.apiKeys = apiKeys;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (authentication instanceof BearerTokenAuthenticationToken bearer
                && ApiKeySecret.looksLikeKey(bearer.getToken())) {
            return apiKeys.authenticate(authentication);
        }
        return memberTokens.authenticate(authentication);
    }
}

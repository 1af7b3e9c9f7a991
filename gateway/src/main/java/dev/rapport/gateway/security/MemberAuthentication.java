package dev.rapport.gateway.security;

import dev.rapport.contracts.identity.IdentityAssertion;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * An authenticated member: the identity the gateway forwards to the services, and how it was proven, by the member's
 * own token (JWT) or by one of their API keys.
 *
 * <p>The identity's expiry is the credential's; the gateway signs a fresh, short-lived assertion for each request.
 */
public final class MemberAuthentication extends AbstractAuthenticationToken {

    private final transient IdentityAssertion identity;
    private final transient @Nullable Jwt token;
    private final @Nullable String apiKeyId;

    private MemberAuthentication(IdentityAssertion identity, @Nullable Jwt token, @Nullable String apiKeyId) {
        super(identity.scopes().stream()
                .sorted()
                .map(scope -> new SimpleGrantedAuthority("SCOPE_" + scope))
                .toList());
        this.identity = identity;
        this.token = token;
        this.apiKeyId = apiKeyId;
        setAuthenticated(true);
    }

    /** A member who presented their own token. */
    static MemberAuthentication ofToken(IdentityAssertion identity, Jwt token) {
        return new MemberAuthentication(identity, token, null);
    }

    /** A member's API consumer that presented the API key {@code keyId}, with the key's scopes. */
    public static MemberAuthentication ofApiKey(IdentityAssertion identity, String keyId) {
        return new MemberAuthentication(identity, null, keyId);
    }

    /** The member, tenant and scopes named by the credential. */
    public IdentityAssertion identity() {
        return identity;
    }

    /** The tenant-qualified member key, unique across tenants. */
    public String memberKey() {
        return identity.tenantId() + "/" + identity.memberId();
    }

    /** The API key that authenticated the request, empty for a member token. */
    public Optional<String> apiKeyId() {
        return Optional.ofNullable(apiKeyId);
    }

    /** Whether the member proved themselves with their own token rather than an API key. */
    public boolean isMemberToken() {
        return apiKeyId == null;
    }

    /** Whose allowance a request uses: each API key has its own, apart from its member's interactive use. */
    public String rateLimitKey() {
        return apiKeyId == null ? memberKey() : memberKey() + "/key:" + apiKeyId;
    }

    @Override
    public Object getPrincipal() {
        return identity.memberId();
    }

    @Override
    public @Nullable Object getCredentials() {
        // Never the API key's secret: only its id.
        return token != null ? token : apiKeyId;
    }

    /** The scopes in a stable order. */
    public List<String> scopes() {
        return identity.scopes().stream().sorted().toList();
    }
}

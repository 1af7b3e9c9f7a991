package dev.rapport.gateway.security;

import dev.rapport.contracts.identity.IdentityAssertion;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * An authenticated member: the identity the gateway forwards to the services, and the token it came from.
 *
 * <p>The identity's expiry is the token's; the gateway signs a fresh, short-lived assertion for each request.
 */
public final class MemberAuthentication extends AbstractAuthenticationToken {

    private final transient IdentityAssertion identity;
    private final transient Jwt token;

    MemberAuthentication(IdentityAssertion identity, Jwt token) {
        super(identity.scopes().stream()
                .sorted()
                .map(scope -> new SimpleGrantedAuthority("SCOPE_" + scope))
                .toList());
        this.identity = identity;
        this.token = token;
        setAuthenticated(true);
    }

    /** The member, tenant and scopes named by the token. */
    public IdentityAssertion identity() {
        return identity;
    }

    /** The tenant-qualified member key, unique across tenants. */
    public String memberKey() {
        return identity.tenantId() + "/" + identity.memberId();
    }

    @Override
    public Object getPrincipal() {
        return identity.memberId();
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    List<String> scopes() {
        return identity.scopes().stream().sorted().toList();
    }
}

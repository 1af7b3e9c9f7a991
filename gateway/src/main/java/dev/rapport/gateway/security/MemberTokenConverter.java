package dev.rapport.gateway.security;

import dev.rapport.contracts.identity.IdentityAssertion;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import reactor.core.publisher.Mono;

/**
 * Turns a verified JWT into a {@link MemberAuthentication}: {@code sub} is the member, {@code tenant} the tenant
 * and the space-separated {@code scope} claim the scopes.
 *
 * <p>A token whose member or tenant could not be forwarded to the services is refused here (401), not later.
 */
final class MemberTokenConverter implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    /** The claim naming the member's tenant (organization). */
    static final String TENANT_CLAIM = "tenant";

    /** Only {@code <area>:read|write} scopes mean something to the services; others (openid, email…) are dropped. */
    private static final Pattern RAPPORT_SCOPE = Pattern.compile("[a-z]+:(read|write)");

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        return Mono.fromSupplier(() -> authenticate(jwt));
    }

    private static MemberAuthentication authenticate(Jwt jwt) {
        String member = jwt.getSubject();
        String tenant = jwt.getClaimAsString(TENANT_CLAIM);
        Instant expiresAt = jwt.getExpiresAt();
        if (member == null || tenant == null || expiresAt == null) {
            throw new InvalidBearerTokenException("The token must name a member (sub), a tenant and an expiry");
        }
        try {
            return MemberAuthentication.ofToken(new IdentityAssertion(member, tenant, scopes(jwt), expiresAt), jwt);
        } catch (IllegalArgumentException malformed) {
            throw new InvalidBearerTokenException("The token's member or tenant is malformed", malformed);
        }
    }

    static Set<String> scopes(Jwt jwt) {
        Set<String> scopes = new LinkedHashSet<>();
        // Most identity providers send a space-separated string; some send a JSON array, some name it "scp".
        for (String claim : new String[] {"scope", "scp"}) {
            Object value = jwt.getClaims().get(claim);
            if (value instanceof String text) {
                scopes.addAll(Arrays.asList(text.trim().split("\\s+")));
            } else if (value instanceof Collection<?> values) {
                values.forEach(item -> scopes.add(String.valueOf(item)));
            }
        }
        scopes.removeIf(scope -> !RAPPORT_SCOPE.matcher(scope).matches());
        return scopes;
    }
}

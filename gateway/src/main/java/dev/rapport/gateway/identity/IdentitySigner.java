package dev.rapport.gateway.identity;

import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.gateway.GatewayProperties;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Signs the {@code X-Rapport-Identity} value for a verified member and one request (method and path), valid for one
 * hop ({@link #VALIDITY}).
 */
@Component
public class IdentitySigner {

    /** How long a forwarded assertion stays valid: long enough for one hop, too short to be worth replaying. */
    public static final Duration VALIDITY = Duration.ofSeconds(60);

    private final byte[] secret;
    private final Clock clock;

    public IdentitySigner(GatewayProperties properties, Clock clock) {
        this.secret = properties.identitySecretBytes();
        this.clock = clock;
    }

    /**
     * The header value asserting {@code verified}'s member, tenant and scopes for the request {@code method path}
     * (the raw path the service receives), expiring {@link #VALIDITY} from now.
     */
    public String sign(IdentityAssertion verified, String method, String path) {
        return sign(verified, null, method, path);
    }

    /** The same, naming the API key that authenticated the request ({@code null} for the member's own token). */
    public String sign(IdentityAssertion verified, String apiKeyId, String method, String path) {
        return new IdentityAssertion(
                        verified.memberId(),
                        verified.tenantId(),
                        verified.scopes(),
                        clock.instant().plus(VALIDITY),
                        apiKeyId)
                .encode(secret, method, path);
    }
}

package dev.rapport.testkit;

import dev.rapport.contracts.identity.IdentityAssertion;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/** Signs identity headers as the gateway would, with a secret made fresh for each test JVM. */
public final class TestIdentity {

    /** The identity secret every test context uses. */
    public static final String SECRET;

    static {
        byte[] random = new byte[36];
        new SecureRandom().nextBytes(random);
        SECRET = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    public static final Set<String> ALL_SCOPES = Set.of("contacts:write", "reminders:write", "content:write");

    private TestIdentity() {}

    /** The tenant of test members unless a test names another. */
    public static final String TENANT = "alumni";

    /**
     * The {@code X-Rapport-Identity} value for one request (method and raw path, without the query) of a member of
     * tenant {@code alumni} with every scope: like the gateway's, it is worthless for any other request.
     */
    public static String headerFor(String memberId, String method, String path) {
        return headerFor(memberId, TENANT, ALL_SCOPES, method, path);
    }

    /** The {@code X-Rapport-Identity} value for one request of a member with the given tenant and scopes. */
    public static String headerFor(String memberId, String tenantId, Set<String> scopes, String method, String path) {
        return new IdentityAssertion(memberId, tenantId, scopes, Instant.now().plusSeconds(60))
                .encode(SECRET.getBytes(StandardCharsets.UTF_8), method, path);
    }

    /** The {@code X-Rapport-Identity} value for one request made with a member's API key (tenant alumni). */
    public static String headerForApiKey(
            String memberId, String apiKeyId, Set<String> scopes, String method, String path) {
        return new IdentityAssertion(memberId, TENANT, scopes, Instant.now().plusSeconds(60), apiKeyId)
                .encode(SECRET.getBytes(StandardCharsets.UTF_8), method, path);
    }

    /** The raw path of a request target ({@code /api/v1/contacts?limit=1} → {@code /api/v1/contacts}). */
    public static String pathOf(String target) {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }
}

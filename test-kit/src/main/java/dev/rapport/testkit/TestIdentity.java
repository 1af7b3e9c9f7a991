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

    /** The {@code X-Rapport-Identity} value for a member of tenant {@code alumni} with every scope. */
    public static String headerFor(String memberId) {
        return headerFor(memberId, ALL_SCOPES);
    }

    /** The {@code X-Rapport-Identity} value for a member with the given scopes. */
    public static String headerFor(String memberId, Set<String> scopes) {
        return new IdentityAssertion(memberId, "alumni", scopes, Instant.now().plusSeconds(60))
                .encode(SECRET.getBytes(StandardCharsets.UTF_8));
    }
}

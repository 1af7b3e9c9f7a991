package dev.rapport.contracts.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentityAssertionTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
    private static final String PATH = "/api/v1/contacts/c1";
    private final IdentityAssertion alice = new IdentityAssertion(
            "alice", "alumni", Set.of("contacts:write", "reminders:read"), Instant.parse("2026-11-21T10:05:00Z"));

    @Test
    void aSignedAssertionVerifiesWithTheSameSecret() {
        assertThat(IdentityAssertion.verify(alice.encode(SECRET, "GET", PATH), "GET", PATH, SECRET, CLOCK))
                .contains(alice);
    }

    @Test
    void signaturesMadeAtOnceOnManyVirtualThreadsWithTwoSecretsAreEachRight() throws Exception {
        byte[] other = "another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8);
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 32; t++) {
                int thread = t;
                threads.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        byte[] secret = (thread + i) % 2 == 0 ? SECRET : other;
                        byte[] notIt = secret == SECRET ? other : SECRET;
                        String path = PATH + "/" + thread + "-" + i;
                        String header = alice.encode(secret, "GET", path);
                        if (!IdentityAssertion.verify(header, "GET", path, secret, CLOCK)
                                        .equals(java.util.Optional.of(alice))
                                || IdentityAssertion.verify(header, "GET", path, notIt, CLOCK)
                                        .isPresent()) {
                            wrong.incrementAndGet();
                        }
                    }
                });
            }
        }
        assertThat(wrong).hasValue(0);
    }

    @Test
    void anAssertionSignedWithAnotherSecretIsRefused() {
        byte[] other = "another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8);
        assertThat(IdentityAssertion.verify(alice.encode(other, "GET", PATH), "GET", PATH, SECRET, CLOCK))
                .isEmpty();
    }

    @Test
    void aForgedPayloadWithTheOriginalSignatureIsRefused() {
        String[] parts = alice.encode(SECRET, "GET", PATH).split("\\.");
        String forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("mallory|alumni|contacts:write|1795000000".getBytes(StandardCharsets.UTF_8));
        assertThat(IdentityAssertion.verify("v2." + forged + "." + parts[2], "GET", PATH, SECRET, CLOCK))
                .isEmpty();
    }

    @Test
    void anExpiredAssertionIsRefused() {
        Clock later = Clock.offset(CLOCK, java.time.Duration.ofMinutes(6));
        assertThat(IdentityAssertion.verify(alice.encode(SECRET, "GET", PATH), "GET", PATH, SECRET, later))
                .isEmpty();
    }

    @Test
    void garbageIsRefusedWithoutAnException() {
        assertThat(IdentityAssertion.verify("v2.%%%.###", "GET", PATH, SECRET, CLOCK))
                .isEmpty();
        assertThat(IdentityAssertion.verify("alice", "GET", PATH, SECRET, CLOCK))
                .isEmpty();
        assertThat(IdentityAssertion.verify(null, "GET", PATH, SECRET, CLOCK)).isEmpty();
    }

    @Test
    void anAssertionIsBoundToTheMethodAndPathItWasMadeFor() {
        String header = alice.encode(SECRET, "GET", PATH);

        assertThat(IdentityAssertion.verify(header, "get", PATH, SECRET, CLOCK)).contains(alice);
        assertThat(IdentityAssertion.verify(header, "DELETE", PATH, SECRET, CLOCK))
                .isEmpty();
        assertThat(IdentityAssertion.verify(header, "GET", "/api/v1/contacts/c2", SECRET, CLOCK))
                .isEmpty();
        assertThat(IdentityAssertion.verify(header, "GET", "/api/v1/reminders", SECRET, CLOCK))
                .isEmpty();
    }

    @Test
    void anUnboundAssertionOfTheFormerFormatIsRefused() {
        String body = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("alice|alumni|contacts:write|1795000000".getBytes(StandardCharsets.UTF_8));
        assertThat(IdentityAssertion.verify("v1." + body + ".c2lnbmF0dXJl", "GET", PATH, SECRET, CLOCK))
                .isEmpty();
    }

    @Test
    void theApiKeyThatAuthenticatedTheRequestTravelsSignedAndAMemberTokenHasNone() {
        Instant expires = Instant.parse("2030-01-01T00:00:00Z");
        Clock now = Clock.fixed(Instant.parse("2029-12-31T23:59:30Z"), java.time.ZoneOffset.UTC);
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String byKey = new IdentityAssertion("m1", "t1", Set.of("reminders:write"), expires, "key-42")
                .encode(key, "POST", "/api/v1/webhooks");
        String byToken = new IdentityAssertion("m1", "t1", Set.of("reminders:write"), expires)
                .encode(key, "POST", "/api/v1/webhooks");

        assertThat(IdentityAssertion.verify(byKey, "POST", "/api/v1/webhooks", key, now)
                        .orElseThrow()
                        .apiKeyId())
                .isEqualTo("key-42");
        assertThat(IdentityAssertion.verify(byToken, "POST", "/api/v1/webhooks", key, now)
                        .orElseThrow()
                        .apiKeyId())
                .isNull();
    }

    @Test
    void writeScopeImpliesRead() {
        assertThat(alice.allows("contacts", "read")).isTrue();
        assertThat(alice.allows("reminders", "write")).isFalse();
        assertThat(alice.allows("content", "read")).isFalse();
    }
}

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
    private final IdentityAssertion alice = new IdentityAssertion(
            "alice", "alumni", Set.of("contacts:write", "reminders:read"), Instant.parse("2026-11-21T10:05:00Z"));

    @Test
    void aSignedAssertionVerifiesWithTheSameSecret() {
        assertThat(IdentityAssertion.verify(alice.encode(SECRET), SECRET, CLOCK))
                .contains(alice);
    }

    @Test
    void anAssertionSignedWithAnotherSecretIsRefused() {
        byte[] other = "another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8);
        assertThat(IdentityAssertion.verify(alice.encode(other), SECRET, CLOCK)).isEmpty();
    }

    @Test
    void aForgedPayloadWithTheOriginalSignatureIsRefused() {
        String[] parts = alice.encode(SECRET).split("\\.");
        String forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("mallory|alumni|contacts:write|1795000000".getBytes(StandardCharsets.UTF_8));
        assertThat(IdentityAssertion.verify("v1." + forged + "." + parts[2], SECRET, CLOCK))
                .isEmpty();
    }

    @Test
    void anExpiredAssertionIsRefused() {
        Clock later = Clock.offset(CLOCK, java.time.Duration.ofMinutes(6));
        assertThat(IdentityAssertion.verify(alice.encode(SECRET), SECRET, later))
                .isEmpty();
    }

    @Test
    void garbageIsRefusedWithoutAnException() {
        assertThat(IdentityAssertion.verify("v1.%%%.###", SECRET, CLOCK)).isEmpty();
        assertThat(IdentityAssertion.verify("alice", SECRET, CLOCK)).isEmpty();
        assertThat(IdentityAssertion.verify(null, SECRET, CLOCK)).isEmpty();
    }

    @Test
    void writeScopeImpliesRead() {
        assertThat(alice.allows("contacts", "read")).isTrue();
        assertThat(alice.allows("reminders", "write")).isFalse();
        assertThat(alice.allows("content", "read")).isFalse();
    }
}

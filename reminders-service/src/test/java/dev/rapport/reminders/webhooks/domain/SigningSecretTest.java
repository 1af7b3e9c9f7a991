package dev.rapport.reminders.webhooks.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.reminders.signing.domain.WebhookSignature;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningSecretTest {

    static final Instant NOW = Instant.parse("2026-03-10T06:00:00Z");

    @Test
    void duringTheOverlapBothSecretsSignNewestFirstAndAfterItOnlyTheNewOne() {
        SigningSecret old = new SigningSecret(WebhookSignature.newSecret(), NOW.minus(Duration.ofDays(30)), null);
        SigningSecret fresh = new SigningSecret(WebhookSignature.newSecret(), NOW, null);

        List<SigningSecret> rotated = SigningSecret.rotate(List.of(old), fresh, NOW, Duration.ofHours(1));

        String during = SigningSecret.header(rotated, "msg_1", 1, "{}", NOW.plus(Duration.ofMinutes(59)));
        assertThat(during.split(" "))
                .containsExactly(
                        WebhookSignature.sign(fresh.value(), "msg_1", 1, "{}"),
                        WebhookSignature.sign(old.value(), "msg_1", 1, "{}"));
        String after = SigningSecret.header(rotated, "msg_1", 1, "{}", NOW.plus(Duration.ofHours(1)));
        assertThat(after).isEqualTo(WebhookSignature.sign(fresh.value(), "msg_1", 1, "{}"));
    }

    @Test
    void aSecondRotationDropsExpiredSecretsAndNeverExtendsAnOverlap() {
        SigningSecret first = new SigningSecret(WebhookSignature.newSecret(), NOW.minus(Duration.ofDays(1)), null);
        SigningSecret second = new SigningSecret(WebhookSignature.newSecret(), NOW, null);
        List<SigningSecret> once = SigningSecret.rotate(List.of(first), second, NOW, Duration.ofHours(1));
        SigningSecret third = new SigningSecret(WebhookSignature.newSecret(), NOW.plusSeconds(60), null);

        List<SigningSecret> twice = SigningSecret.rotate(once, third, NOW.plusSeconds(60), Duration.ofDays(1));

        assertThat(twice)
                .extracting(SigningSecret::value)
                .containsExactly(third.value(), second.value(), first.value());
        assertThat(twice.get(2).expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(SigningSecret.rotate(twice, first, NOW.plus(Duration.ofDays(3)), Duration.ZERO))
                .extracting(SigningSecret::value)
                .containsExactly(first.value());
    }
}

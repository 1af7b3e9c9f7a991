package dev.rapport.reminders.signing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void signsLikeTheStandardWebhooksReferenceExample() {
        // The example of the Standard Webhooks specification and its reference libraries.
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String signature =
                WebhookSignature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aSignatureVerifiesOnlyForTheSameIdTimestampAndBody() {
        String secret = WebhookSignature.newSecret();
        String header = WebhookSignature.sign(secret, "m:2026-03-10", 1773129600, "{\"a\":1}");
        assertThat(WebhookSignature.verify(secret, "m:2026-03-10", 1773129600, "{\"a\":1}", header))
                .isTrue();
        assertThat(WebhookSignature.verify(secret, "m:2026-03-10", 1773129601, "{\"a\":1}", header))
                .isFalse();
        assertThat(WebhookSignature.verify(secret, "m:2026-03-10", 1773129600, "{\"a\":2}", header))
                .isFalse();
        assertThat(WebhookSignature.verify(
                        WebhookSignature.newSecret(), "m:2026-03-10", 1773129600, "{\"a\":1}", header))
                .isFalse();
    }

    @Test
    void secretsAreRandomWithTheStandardPrefix() {
        assertThat(WebhookSignature.newSecret()).startsWith("whsec_").isNotEqualTo(WebhookSignature.newSecret());
    }
}

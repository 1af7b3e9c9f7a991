package dev.rapport.gateway.apikeys.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ApiKeySecretTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void generatedKeyHasTheRecognizablePrefixAndParsesBackToItself() {
        ApiKeySecret key = ApiKeySecret.generate(RANDOM);

        assertThat(key.value()).startsWith("rk_live_").hasSize(8 + 20 + 1 + 43);
        assertThat(ApiKeySecret.looksLikeKey(key.value())).isTrue();
        assertThat(ApiKeySecret.parse(key.value())).contains(key);
        assertThat(key.value()).startsWith(key.displayPrefix() + "_");
    }

    @Test
    void twoKeysNeverShareIdOrSecret() {
        ApiKeySecret a = ApiKeySecret.generate(RANDOM);
        ApiKeySecret b = ApiKeySecret.generate(RANDOM);

        assertThat(a.keyId()).isNotEqualTo(b.keyId());
        assertThat(a.secret()).isNotEqualTo(b.secret());
    }

    @Test
    void storedHashIsTheSha256OfTheSecretAndOnlyTheSameSecretMatchesIt() {
        ApiKeySecret key = ApiKeySecret.generate(RANDOM);
        ApiKeySecret other =
                new ApiKeySecret(key.keyId(), ApiKeySecret.generate(RANDOM).secret());

        assertThat(key.secretHash()).hasSize(64).matches("[0-9a-f]+").doesNotContain(key.secret());
        assertThat(key.matches(key.secretHash())).isTrue();
        assertThat(other.matches(key.secretHash())).isFalse();
        assertThat(key.matches("not hex")).isFalse();
    }

    @Test
    void anythingNotShapedLikeAKeyIsNotParsed() {
        String valid = ApiKeySecret.generate(RANDOM).value();

        assertThat(ApiKeySecret.parse("rk_live_short")).isEmpty();
        assertThat(ApiKeySecret.parse(valid + "x")).isEmpty();
        assertThat(ApiKeySecret.parse(valid.replace("rk_live_", "rk_test_"))).isEmpty();
        assertThat(ApiKeySecret.parse("eyJhbGciOiJSUzI1NiJ9.e30.sig")).isEmpty();
        assertThat(ApiKeySecret.looksLikeKey("eyJhbGciOiJSUzI1NiJ9.e30.sig")).isFalse();
    }

    @Test
    void printingAKeyNeverShowsItsSecret() {
        ApiKeySecret key = ApiKeySecret.generate(RANDOM);

        assertThat(key.toString()).contains(key.keyId()).doesNotContain(key.secret());
    }
}

package dev.rapport.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

class GatewayPropertiesTest {

    private static final String SECRET = "s".repeat(GatewayProperties.MIN_SECRET_LENGTH);

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesOnly.class)
            .withPropertyValues("rapport.gateway.jwt.public-key=var/keys/jwt-public.pem");

    @Test
    void startupFailsWithAClearMessageWhenTheIdentitySecretIsMissing() {
        context.run(started -> assertThat(started)
                .hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("RAPPORT_IDENTITY_SECRET")
                .hasMessageContaining("not set"));
    }

    @Test
    void startupFailsWhenTheIdentitySecretIsTooShortWithoutPrintingIt() {
        String shortSecret = "too-short-secret-31-characters!";
        context.withPropertyValues("rapport.gateway.identity-secret=" + shortSecret)
                .run(started -> {
                    assertThat(started).hasFailed();
                    assertThat(started.getStartupFailure().getCause())
                            .rootCause()
                            .hasMessageContaining("at least 32")
                            .hasMessageNotContaining(shortSecret);
                });
    }

    @Test
    void defaultsFollowTheRuntimeContract() {
        context.withPropertyValues("rapport.gateway.identity-secret=" + SECRET).run(started -> {
            GatewayProperties properties = started.getBean(GatewayProperties.class);
            assertThat(properties.jwt().requiredIssuer()).isEqualTo("rapport-local");
            assertThat(properties.jwt().audience()).isEqualTo("rapport");
            assertThat(properties.corsOrigins()).containsExactly("http://localhost:3000");
            assertThat(properties.maxRequestSize()).isEqualTo(DataSize.ofMegabytes(1));
            assertThat(properties.rateLimit().requestsPerSecond()).isEqualTo(20);
            assertThat(properties.rateLimit().burst()).isEqualTo(40);
            assertThat(properties.toString()).doesNotContain(SECRET);
        });
    }

    @Test
    void identityProviderIssuerIsRequiredUnlessAnIssuerIsNamed() {
        context.withPropertyValues(
                        "rapport.gateway.identity-secret=" + SECRET,
                        "rapport.gateway.jwt.public-key=",
                        "rapport.gateway.jwt.issuer-uri=https://idp.example.org/realms/alumni",
                        "rapport.gateway.cors-origins=https://portal.example.org, https://app.example.org")
                .run(started -> {
                    GatewayProperties properties = started.getBean(GatewayProperties.class);
                    assertThat(properties.jwt().requiredIssuer()).isEqualTo("https://idp.example.org/realms/alumni");
                    assertThat(properties.corsOrigins())
                            .containsExactly("https://portal.example.org", "https://app.example.org");
                });
        context.withPropertyValues(
                        "rapport.gateway.identity-secret=" + SECRET,
                        "rapport.gateway.jwt.public-key=",
                        "rapport.gateway.jwt.issuer-uri=https://idp.example.org/realms/alumni",
                        "rapport.gateway.jwt.issuer=https://login.example.org")
                .run(started -> assertThat(
                                started.getBean(GatewayProperties.class).jwt().requiredIssuer())
                        .isEqualTo("https://login.example.org"));
    }

    @Test
    void startupFailsWhenNoTokenVerificationIsConfigured() {
        context.withPropertyValues("rapport.gateway.identity-secret=" + SECRET, "rapport.gateway.jwt.public-key=")
                .run(started -> assertThat(started)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("RAPPORT_JWT_PUBLIC_KEY")
                        .hasMessageContaining("RAPPORT_JWT_JWK_SET_URI"));
    }

    @Test
    void aLocalKeyAndAnIdentityProviderTogetherAreRefused() {
        context.withPropertyValues(
                        "rapport.gateway.identity-secret=" + SECRET,
                        "rapport.gateway.jwt.public-key=var/keys/jwt-public.pem",
                        "rapport.gateway.jwt.jwk-set-uri=https://idp.example.org/jwks")
                .run(started ->
                        assertThat(started).hasFailed().getFailure().rootCause().hasMessageContaining("not both"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GatewayProperties.class)
    static class PropertiesOnly {}
}

package dev.rapport.gateway.security;

import dev.rapport.gateway.GatewayConfigurationException;
import dev.rapport.gateway.GatewayProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Objects;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import org.springframework.security.oauth2.jwt.SupplierReactiveJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * Builds the decoder that verifies member tokens from {@link GatewayProperties.Jwt}: signature (RS256 only with
 * the local key, so {@code alg=none} and HMAC tricks fail), expiry (required), issuer and audience.
 */
final class MemberTokenDecoders {

    private MemberTokenDecoders() {}

    static ReactiveJwtDecoder create(GatewayProperties.Jwt settings) {
        OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithValidators(
                new JwtIssuerValidator(settings.requiredIssuer()),
                new JwtAudienceValidator(settings.audience()),
                // The default timestamp check lets a token without exp live forever.
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        if (StringUtils.hasText(settings.jwkSetUri())) {
            NimbusReactiveJwtDecoder decoder =
                    NimbusReactiveJwtDecoder.withJwkSetUri(settings.jwkSetUri()).build();
            decoder.setJwtValidator(validator);
            return decoder;
        }
        if (StringUtils.hasText(settings.issuerUri())) {
            String issuerUri = settings.issuerUri();
            // Discovery is deferred to the first token so that the gateway starts while the provider is unreachable.
            return new SupplierReactiveJwtDecoder(() -> {
                NimbusReactiveJwtDecoder decoder = ReactiveJwtDecoders.fromIssuerLocation(issuerUri);
                decoder.setJwtValidator(validator);
                return decoder;
            });
        }
        // GatewayProperties.Jwt guarantees the local key when there is no identity provider.
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(
                        readPublicKey(Path.of(Objects.requireNonNull(settings.publicKey()))))
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(validator);
        return decoder;
    }

    static RSAPublicKey readPublicKey(Path pem) {
        String action = "Point RAPPORT_JWT_PUBLIC_KEY at the PEM public key that verifies member tokens (openssl pkey "
                + "-in jwt-private.pem -pubout), or configure the identity provider instead";
        if (Files.isDirectory(pem)) {
            // What Docker mounts when the key file did not exist on the host.
            throw new GatewayConfigurationException(
                    pem.toAbsolutePath() + " is not a PEM RSA public key: it is a directory", action);
        }
        try (InputStream in = Files.newInputStream(pem)) {
            return RsaKeyConverters.x509().convert(in);
        } catch (NoSuchFileException missing) {
            throw new GatewayConfigurationException(
                    "RAPPORT_JWT_PUBLIC_KEY names " + pem.toAbsolutePath() + ", which does not exist", action);
        } catch (IOException unreadable) {
            throw new GatewayConfigurationException(
                    "Cannot read the JWT public key " + pem.toAbsolutePath() + ": " + unreadable.getMessage(),
                    action,
                    unreadable);
        } catch (IllegalArgumentException notPem) {
            throw new GatewayConfigurationException(
                    pem.toAbsolutePath() + " is not a PEM RSA public key (-----BEGIN PUBLIC KEY-----)", action, notPem);
        }
    }
}

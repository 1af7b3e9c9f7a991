package dev.rapport.gateway.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Signs member tokens the way {@code ./rapport token} does (RS256, iss=rapport-local, aud=rapport), with a key pair
 * generated for the test run; the public half is written as PEM for {@code RAPPORT_JWT_PUBLIC_KEY}.
 */
public final class MemberTokens {

    public static final String ISSUER = "rapport-local";
    public static final String AUDIENCE = "rapport";
    public static final String TENANT = "alumni";
    public static final String ALL_SCOPES = "contacts:write reminders:write content:write";

    private static final KeyPair SIGNING = generate();
    private static final KeyPair STRANGER = generate();
    private static final Path PUBLIC_KEY_PEM = writePem(SIGNING);

    private MemberTokens() {}

    /** The PEM file holding the public key the gateway verifies with. */
    public static Path publicKeyPem() {
        return PUBLIC_KEY_PEM;
    }

    /** A member id no other test uses, so that per-member state (rate limits) never leaks between tests. */
    public static String newMember() {
        return "member-" + UUID.randomUUID();
    }

    /** The claims of a valid token for {@code member} with all scopes, valid for an hour. */
    public static JWTClaimsSet.Builder claims(String member) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(member)
                .claim("tenant", TENANT)
                .claim("scope", ALL_SCOPES)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))));
    }

    /** A valid token for {@code member} with all scopes. */
    public static String token(String member) {
        return sign(claims(member).build());
    }

    /** A valid token for {@code member} with only {@code scope}. */
    public static String tokenWithScope(String member, String scope) {
        return sign(claims(member).claim("scope", scope).build());
    }

    /** A token for {@code member} whose claims {@code change} altered. */
    public static String token(String member, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(change.apply(claims(member)).build());
    }

    /** A token signed by a key the gateway does not know. */
    public static String tokenSignedByStranger(String member) {
        return sign(claims(member).build(), (RSAPrivateKey) STRANGER.getPrivate());
    }

    /** An unsigned token ({@code alg=none}) with otherwise valid claims. */
    public static String unsignedToken(String member) {
        return new PlainJWT(claims(member).build()).serialize();
    }

    /** A valid token whose payload was then changed (another member), keeping the original signature. */
    public static String tamperedToken(String member, String impostor) {
        String[] parts = token(member).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replace(member, impostor);
        return parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
    }

    public static String sign(JWTClaimsSet claims) {
        return sign(claims, (RSAPrivateKey) SIGNING.getPrivate());
    }

    private static String sign(JWTClaimsSet claims, RSAPrivateKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePem(KeyPair keys) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Path file = Files.createTempFile("rapport-jwt-public", ".pem");
            file.toFile().deleteOnExit();
            return Files.writeString(file, pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

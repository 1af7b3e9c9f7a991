package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandTest {

    @TempDir
    Path varDir;

    @Test
    void tokenCarriesTheClaimsOfTheRuntimeContractAndVerifiesWithThePublicPem() throws Exception {
        SignedJWT jwt = SignedJWT.parse(TokenCommand.run(new String[] {"alice"}, varDir));

        JwtKeys keys = JwtKeys.loadOrCreate(varDir.resolve("keys"));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.verify(new RSASSAVerifier(keys.publicKey()))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("rapport-local");
        assertThat(claims.getAudience()).containsExactly("rapport");
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringClaim("tenant")).isEqualTo("alumni");
        assertThat(claims.getStringClaim("scope")).isEqualTo("contacts:write reminders:write content:write");
        assertThat(claims.getExpirationTime().toInstant())
                .isCloseTo(Instant.now().plus(Duration.ofHours(12)), within(1, ChronoUnit.MINUTES));
    }

    @Test
    void daysOptionExtendsTheValidity() throws Exception {
        SignedJWT jwt = SignedJWT.parse(TokenCommand.run(new String[] {"demo", "--days", "30"}, varDir));

        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant())
                .isCloseTo(Instant.now().plus(Duration.ofDays(30)), within(1, ChronoUnit.MINUTES));
    }

    @Test
    void keyPairIsGeneratedOnceAsPemFilesAndThenReused() throws Exception {
        TokenCommand.run(new String[] {"alice"}, varDir);
        Path privatePem = varDir.resolve("keys/jwt-private.pem");
        Path publicPem = varDir.resolve("keys/jwt-public.pem");
        String privateBefore = Files.readString(privatePem);
        String publicBefore = Files.readString(publicPem);

        SignedJWT second = SignedJWT.parse(TokenCommand.run(new String[] {"bob"}, varDir));

        assertThat(privateBefore).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(publicBefore).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(Files.readString(privatePem)).isEqualTo(privateBefore);
        assertThat(Files.readString(publicPem)).isEqualTo(publicBefore);
        assertThat(second.verify(new RSASSAVerifier(
                        JwtKeys.loadOrCreate(varDir.resolve("keys")).publicKey())))
                .isTrue();
    }

    @Test
    void wrongArgumentsAreExplained() {
        assertThatThrownBy(() -> TokenCommand.run(new String[] {}, varDir)).hasMessageContaining("Which member?");
        assertThatThrownBy(() -> TokenCommand.run(new String[] {"alice", "--days"}, varDir))
                .hasMessageContaining("--days needs a number");
        assertThatThrownBy(() -> TokenCommand.run(new String[] {"alice", "--days", "soon"}, varDir))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> TokenCommand.run(new String[] {"alice", "bob"}, varDir))
                .hasMessageContaining("One member only");
        assertThatThrownBy(() -> TokenCommand.run(new String[] {"--admin"}, varDir))
                .hasMessageContaining("Unknown option --admin");
    }
}

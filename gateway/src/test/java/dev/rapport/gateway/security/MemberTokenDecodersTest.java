package dev.rapport.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.gateway.GatewayConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemberTokenDecodersTest {

    @TempDir
    Path directory;

    @Test
    void readsAnX509PemPublicKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Path pem = Files.writeString(
                directory.resolve("jwt-public.pem"),
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(keys.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");

        assertThat(MemberTokenDecoders.readPublicKey(pem)).isEqualTo(keys.getPublic());
    }

    @Test
    void aDirectoryWhereTheKeyShouldBeIsRefusedClearly() {
        // What Docker mounts when the key file is missing on the host.
        assertThatThrownBy(() -> MemberTokenDecoders.readPublicKey(directory))
                .isInstanceOf(GatewayConfigurationException.class)
                .hasMessageContaining("is not a PEM RSA public key");
    }

    @Test
    void aMissingFileIsRefusedClearly() {
        assertThatThrownBy(() -> MemberTokenDecoders.readPublicKey(directory.resolve("absent.pem")))
                .isInstanceOf(GatewayConfigurationException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void somethingElseThanAPublicKeyIsRefusedClearly() throws Exception {
        Path privateKey = Files.writeString(
                directory.resolve("jwt-private.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> MemberTokenDecoders.readPublicKey(privateKey))
                .isInstanceOf(GatewayConfigurationException.class)
                .hasMessageContaining("is not a PEM RSA public key");
    }
}

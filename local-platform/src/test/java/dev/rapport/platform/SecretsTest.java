package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    @TempDir
    Path varDir;

    @Test
    void identitySecretIs48RandomBytesInBase64UrlGeneratedOnce() {
        Secrets first = Secrets.loadOrCreate(varDir);
        Secrets second = Secrets.loadOrCreate(varDir);

        assertThat(first.identitySecret()).hasSize(64).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(first.identitySecret())).hasSize(48);
        assertThat(second.identitySecret()).isEqualTo(first.identitySecret());
        assertThat(second.jwtKeys().publicKey()).isEqualTo(first.jwtKeys().publicKey());
    }

    @Test
    void toStringNeverShowsTheSecrets() {
        Secrets secrets = Secrets.loadOrCreate(varDir);

        assertThat(secrets.toString())
                .doesNotContain(secrets.identitySecret())
                .doesNotContain(Base64.getEncoder()
                        .encodeToString(secrets.jwtKeys().privateKey().getEncoded())
                        .substring(0, 40))
                .doesNotContain(secrets.jwtKeys()
                        .privateKey()
                        .getPrivateExponent()
                        .toString(16)
                        .substring(0, 32))
                .doesNotContain(secrets.jwtKeys()
                        .privateKey()
                        .getPrivateExponent()
                        .toString()
                        .substring(0, 32))
                .contains("<redacted>");
    }

    @Test
    void eachVarDirHasItsOwnSecrets(@TempDir Path otherVarDir) {
        assertThat(Secrets.loadOrCreate(otherVarDir).identitySecret())
                .isNotEqualTo(Secrets.loadOrCreate(varDir).identitySecret());
    }

    @Test
    void secretFilesAreReadableByTheirOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Secrets.loadOrCreate(varDir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(varDir.resolve("identity-secret"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(varDir.resolve("keys/jwt-private.pem"))))
                .isEqualTo("rw-------");
    }
}

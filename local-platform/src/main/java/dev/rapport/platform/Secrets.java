package dev.rapport.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets of the embedded default, generated once and kept under the var dir so that tokens and
 * data stay valid across runs: the identity secret shared by the gateway and the services, and the
 * token key pair.
 */
public record Secrets(String identitySecret, JwtKeys jwtKeys) {

    @Override
    public String toString() {
        // The generated toString would print the identity secret (and the JWT private key) into logs.
        return "Secrets[identitySecret=<redacted>, jwtKeys=" + jwtKeys + "]";
    }

    static final String IDENTITY_SECRET_FILE = "identity-secret";

    /** Reads the secrets under {@code varDir}, generating the missing ones. */
    public static Secrets loadOrCreate(Path varDir) {
        return new Secrets(identitySecret(varDir), JwtKeys.loadOrCreate(varDir.resolve("keys")));
    }

    private static String identitySecret(Path varDir) {
        Path file = varDir.resolve(IDENTITY_SECRET_FILE);
        return VarFiles.underLock(varDir.resolve(".secrets.lock"), () -> {
            try {
                if (!Files.exists(file)) {
                    byte[] random = new byte[48];
                    new SecureRandom().nextBytes(random);
                    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                    VarFiles.writeAtomically(file, secret + "\n", true);
                }
                String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (secret.length() < 32) {
                    throw new PlatformException(file + " holds a secret shorter than 32 characters: delete it and"
                            + " it is generated again (services then reject identity headers signed before)");
                }
                return secret;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        });
    }
}

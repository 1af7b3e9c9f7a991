package dev.rapport.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair that signs member tokens in the embedded default: {@code jwt-private.pem} (PKCS#8)
 * and {@code jwt-public.pem} (X.509 SubjectPublicKeyInfo, what the gateway reads through
 * {@code RAPPORT_JWT_PUBLIC_KEY}), generated once under {@code var/keys}.
 */
public record JwtKeys(RSAPrivateKey privateKey, RSAPublicKey publicKey, Path publicKeyFile) {

    @Override
    public String toString() {
        // Never the private key: the generated toString would print whatever the key's own toString shows.
        return "JwtKeys[privateKey=<redacted>, publicKeyFile=" + publicKeyFile + "]";
    }

    static final String PRIVATE_FILE = "jwt-private.pem";
    static final String PUBLIC_FILE = "jwt-public.pem";

    /** Reads the key pair under {@code keysDir}, generating it first if it is absent. */
    public static JwtKeys loadOrCreate(Path keysDir) {
        Path privateFile = keysDir.resolve(PRIVATE_FILE);
        Path publicFile = keysDir.resolve(PUBLIC_FILE);
        return VarFiles.underLock(keysDir.resolve(".lock"), () -> {
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                KeyPair pair = generate();
                // Public first: a crash in between leaves no private key, so the next run regenerates both.
                VarFiles.writeAtomically(
                        publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
                VarFiles.writeAtomically(
                        privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
            }
            return read(privateFile, publicFile);
        });
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot generate RSA keys", e);
        }
    }

    private static JwtKeys read(Path privateFile, Path publicFile) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateKey privateKey =
                    (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der(privateFile, "PRIVATE KEY")));
            RSAPublicKey publicKey =
                    (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(der(publicFile, "PUBLIC KEY")));
            if (!privateKey.getModulus().equals(publicKey.getModulus())) {
                throw new PlatformException(privateFile + " and " + publicFile
                        + " are not one key pair: delete both and they are generated again");
            }
            return new JwtKeys(privateKey, publicKey, publicFile.toAbsolutePath());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new PlatformException(
                    "Cannot read the token keys " + privateFile + " / " + publicFile
                            + ": delete both and they are generated again",
                    e);
        }
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(Path file, String type) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            String begin = "-----BEGIN " + type + "-----";
            String end = "-----END " + type + "-----";
            int from = text.indexOf(begin);
            int to = text.indexOf(end);
            if (from < 0 || to < from) {
                throw new IllegalArgumentException(file + " holds no " + type + " block");
            }
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}

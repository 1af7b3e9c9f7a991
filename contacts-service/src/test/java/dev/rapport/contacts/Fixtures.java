package dev.rapport.contacts;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared sample files ({@code ../shared/fixtures} beside the repository, see its README): the
 * tests import these exact files. Missing files fail the test that needs them, never skip it.
 */
public final class Fixtures {

    private Fixtures() {}

    public static Path dir() {
        Path dir = Path.of(System.getProperty("user.dir"))
                .resolve("../../shared/fixtures")
                .normalize();
        if (!Files.isDirectory(dir)) {
            fail("The shared sample files are missing: expected them in " + dir
                    + " (CI checks out the shared directory beside the repository as ../shared)");
        }
        return dir;
    }

    public static byte[] bytes(String name) {
        Path file = dir().resolve(name);
        if (!Files.isRegularFile(file)) {
            fail("The shared sample file " + file + " is missing");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }
}

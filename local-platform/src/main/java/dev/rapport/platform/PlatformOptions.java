package dev.rapport.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to start the embedded platform.
 *
 * @param repoRoot the repository, where the service jars are built
 * @param varDir where all state lives (Kafka data, MongoDB file, secrets, logs)
 * @param portOffset added to every port (docs/runtime-contract.md)
 * @param startServices false to start Kafka and MongoDB only
 * @param startupTimeout how long the broker and each service may take to become ready
 * @param instances how many instances of each service run behind the gateway (1 or 2)
 */
public record PlatformOptions(
        Path repoRoot, Path varDir, int portOffset, boolean startServices, Duration startupTimeout, int instances) {

    public PlatformOptions(Path repoRoot, Path varDir, int portOffset, boolean startServices, Duration startupTimeout) {
        this(repoRoot, varDir, portOffset, startServices, startupTimeout, 1);
    }

    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(180);

    public PlatformOptions {
        repoRoot = repoRoot.toAbsolutePath().normalize();
        varDir = varDir.toAbsolutePath().normalize();
        // Fails now, with the range in the message, rather than when the first port is computed.
        new Ports(portOffset, instances);
    }

    /** The options of {@code ./rapport run}: {@code RAPPORT_VAR_DIR} and {@code RAPPORT_PORT_OFFSET} if set. */
    public static PlatformOptions fromEnvironment() {
        Path repoRoot = findRepoRoot();
        return new PlatformOptions(
                repoRoot,
                LocalPlatform.varDirFromEnvironment(),
                portOffsetFromEnvironment(),
                true,
                DEFAULT_STARTUP_TIMEOUT);
    }

    /** The repository above the working directory: the directory with {@code mvnw} and {@code local-platform}. */
    public static Path findRepoRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("local-platform"))) {
                return dir;
            }
        }
        throw new PlatformException("Cannot find the Rapport repository (a directory with mvnw and local-platform/)"
                + " at or above " + start + ": run from the repository, e.g. ./rapport run");
    }

    private static int portOffsetFromEnvironment() {
        String value = System.getenv("RAPPORT_PORT_OFFSET");
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new PlatformException("RAPPORT_PORT_OFFSET must be a whole number, not '" + value + "'");
        }
    }

    public PlatformOptions withVarDir(Path varDir) {
        return new PlatformOptions(repoRoot, varDir, portOffset, startServices, startupTimeout, instances);
    }

    public PlatformOptions withPortOffset(int portOffset) {
        return new PlatformOptions(repoRoot, varDir, portOffset, startServices, startupTimeout, instances);
    }

    /** Kafka and MongoDB only, e.g. to work on a service started from the IDE. */
    public PlatformOptions withoutServices() {
        return new PlatformOptions(repoRoot, varDir, portOffset, false, startupTimeout, instances);
    }

    public PlatformOptions withStartupTimeout(Duration startupTimeout) {
        return new PlatformOptions(repoRoot, varDir, portOffset, startServices, startupTimeout, instances);
    }

    /** Two instances of every service but the gateway ({@code ./rapport run --instances 2}). */
    public PlatformOptions withInstances(int instances) {
        return new PlatformOptions(repoRoot, varDir, portOffset, startServices, startupTimeout, instances);
    }

    public Ports ports() {
        return new Ports(portOffset, instances);
    }
}

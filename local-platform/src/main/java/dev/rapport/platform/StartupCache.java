package dev.rapport.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a service's JVM starts in less than half the CPU time (docs/operations.md, "Start-up caches"): its Spring Boot
 * jar extracted once per build ({@code java -Djarmode=tools -jar … extract}: classes in plain jars, which the JDK can
 * cache, instead of jars nested in one jar), and on a JDK of 25 or later an ahead-of-time cache of its classes, loaded
 * and linked, and of their method profiles (JEP 483/514/515). The cache is written by a <em>training</em> start: the
 * first start of a build runs with {@code -XX:AOTCacheOutput} and the JVM writes the cache when it stops (which then
 * takes some 20 to 40 s more); every later start maps it with {@code -XX:AOTCache}. Measured on contacts-service,
 * start-up alone beside an idle platform: 22.3 CPU-s from the Spring Boot jar, 17.8 extracted, 10.0 with the cache.
 *
 * <p>Everything lives in {@code <module>/target/startup-cache/<jar name>-<modified>-<size>/}: a rebuilt jar gets a
 * new directory (the old ones are deleted), and the cache's name holds the JDK's version, so neither is ever used with
 * another jar or JDK. Two launchers may prepare or train the same service at once: each extracts and trains into a
 * name of its own and moves the result into place. When anything fails here the service starts from its Spring Boot
 * jar as before: the cache only ever saves time. {@value #VARIABLE}{@code =off} turns it off, for measuring.
 *
 * @param jar what {@code java -jar} starts
 * @param flags the cache's JVM flags for this start
 * @param training where this start writes its cache when it stops, or null
 * @param cache where the cache is kept once written, or null
 */
record StartupCache(Path jar, List<String> flags, Path training, Path cache) {

    private static final Logger log = LoggerFactory.getLogger(StartupCache.class);

    /** {@code off} turns the start-up caches off (the services start from their Spring Boot jars). */
    static final String VARIABLE = "RAPPORT_STARTUP_CACHE";

    static final String DIRECTORY = "startup-cache";

    /** The first JDK with {@code -XX:AOTCacheOutput} (one training run writes the cache, JEP 514). */
    static final int AOT_CACHE_JDK = 25;

    private static final long EXTRACT_TIMEOUT_SECONDS = 120;

    /** Starts from the Spring Boot jar as it is, without a cache. */
    static StartupCache none(Path jar) {
        return new StartupCache(jar, List.of(), null, null);
    }

    /**
     * The start of the service whose Spring Boot jar is {@code bootJar}: its extracted jar (extracting it first when
     * this build's jar has not been), and the cache to use or the training that writes it.
     */
    static StartupCache prepare(Path bootJar, JavaCommand java, Map<String, String> environment) {
        if ("off".equalsIgnoreCase(environment.getOrDefault(VARIABLE, "").trim())) {
            return none(bootJar);
        }
        Path extracted;
        try {
            extracted = extracted(bootJar, java);
        } catch (IOException | UncheckedIOException | PlatformException e) {
            log.warn("Cannot extract {} ({}): starting it without a start-up cache", bootJar, e.getMessage());
            return none(bootJar);
        }
        if (Runtime.version().feature() < AOT_CACHE_JDK) {
            return new StartupCache(extracted, List.of(), null, null);
        }
        Path cache =
                extracted.resolveSibling("jdk-" + Runtime.version().toString().replaceAll("[^\\w.+-]", "_") + ".aot");
        if (Files.isRegularFile(cache)) {
            return new StartupCache(extracted, List.of("-XX:AOTCache=" + cache), null, cache);
        }
        Path training = extracted.resolveSibling("training-" + UUID.randomUUID() + ".aot");
        // The JDK warns of every class it cannot cache (hundreds of lines in the service's log): errors only.
        return new StartupCache(
                extracted, List.of("-XX:AOTCacheOutput=" + training, "-Xlog:aot=error"), training, cache);
    }

    /** Whether this start writes the cache when it stops. */
    boolean trains() {
        return training != null;
    }

    /**
     * After the process has ended: a training that ended by itself wrote its cache, which is moved into place; one
     * that was killed may have left a partial file, which is deleted.
     */
    void afterExit(boolean endedByItself) {
        if (training == null) {
            return;
        }
        Path configuration = training.resolveSibling(training.getFileName() + ".config");
        try {
            if (endedByItself && Files.isRegularFile(training) && Files.size(training) > 0) {
                move(training, cache);
                log.info("  start-up cache written: {}", cache);
            } else {
                log.warn(
                        "  no start-up cache from this start (it did not stop by itself): the next start trains again");
            }
            Files.deleteIfExists(training);
            Files.deleteIfExists(configuration);
        } catch (IOException e) {
            log.warn("  cannot keep the start-up cache {}: {}", training, e.getMessage());
        }
    }

    /** Whether a start of some service built in {@code repoRoot} would train (its cache not written yet). */
    static boolean anyServiceTrains(Path repoRoot, JavaCommand java) {
        for (Service service : Service.values()) {
            if (prepare(ServiceProcess.jarOf(repoRoot, service), java, System.getenv())
                    .trains()) {
                return true;
            }
        }
        return false;
    }

    /** The extracted jar of {@code bootJar}'s build, extracting it (and deleting older builds' extractions) first. */
    private static Path extracted(Path bootJar, JavaCommand java) throws IOException {
        Path root = bootJar.resolveSibling(DIRECTORY);
        String name = bootJar.getFileName().toString();
        String build = name.substring(0, name.length() - ".jar".length()) + "-"
                + Files.getLastModifiedTime(bootJar).toMillis() + "-" + Files.size(bootJar);
        Path directory = root.resolve(build);
        Path jar = directory.resolve(name);
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        Files.createDirectories(root);
        Path partial = root.resolve(build + ".extracting-" + UUID.randomUUID());
        log.info("Extracting {} into {} (once per build)", name, directory);
        List<String> command = java.jar(List.of("-Djarmode=tools"), bootJar);
        command.addAll(List.of("extract", "--destination", partial.toString()));
        Path output = root.resolve(build + ".extract.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            if (!process.waitFor(EXTRACT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new PlatformException("extracting took over " + EXTRACT_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while extracting");
        }
        String said = Files.readString(output).strip();
        Files.deleteIfExists(output);
        if (process.exitValue() != 0 || !Files.isRegularFile(partial.resolve(name))) {
            deleteTree(partial);
            throw new PlatformException("extract exited with " + process.exitValue() + ": " + said);
        }
        try {
            Files.move(partial, directory, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException anotherLauncherWasFirst) {
            deleteTree(partial);
        }
        try (Stream<Path> builds = Files.list(root)) {
            builds.filter(other -> !other.equals(directory)
                            && !other.getFileName().toString().contains(".extracting-"))
                    .forEach(StartupCache::deleteTree);
        }
        return jar;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.warn("Cannot delete {}: {}", root, e.getMessage());
        }
    }
}

package dev.rapport.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Rapport service running from its packaged jar as a child JVM, with its readiness check. */
final class ServiceProcess {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);

    /**
     * The services' JVM flags, chosen by measurement (docs/gateway-overhead.md, docs/benchmarks.md): both compilers
     * (C1-only code served the gateway at a fraction of the rate), at most 384 MB of heap, and the platform's
     * {@linkplain JavaCommand#MEMORY_FLAGS memory flags}.
     */
    static final List<String> JVM_FLAGS = Stream.concat(Stream.of("-Xmx384m"), JavaCommand.MEMORY_FLAGS.stream())
            .toList();

    /** Replaces {@link #JVM_FLAGS} (whitespace-separated), for measuring other choices. */
    static final String JVM_FLAGS_VARIABLE = "RAPPORT_JVM_FLAGS";

    /** {@link #JVM_FLAGS}, unless {@value #JVM_FLAGS_VARIABLE} names others. */
    static List<String> jvmFlags(Map<String, String> environment) {
        String override = environment.get(JVM_FLAGS_VARIABLE);
        if (override == null || override.isBlank()) {
            return JVM_FLAGS;
        }
        return List.of(override.trim().split("\\s+"));
    }

    /**
     * How long a training start (its {@link StartupCache} not written yet) may take to stop: the JVM writes the cache
     * as it exits, 15 to 20 s of CPU per service, and the services stop together on two cores.
     */
    static final Duration TRAINING_STOP_GRACE = Duration.ofSeconds(180);

    private final Service service;
    private final int instance;
    private final ChildProcess process;
    private final StartupCache startupCache;
    private final URI readiness;
    private final long startedNanos;

    private ServiceProcess(
            Service service,
            int instance,
            ChildProcess process,
            StartupCache startupCache,
            URI readiness,
            long startedNanos) {
        this.service = service;
        this.instance = instance;
        this.process = process;
        this.startupCache = startupCache;
        this.readiness = readiness;
        this.startedNanos = startedNanos;
    }

    Service service() {
        return service;
    }

    /** 1, or 2 for a service's second instance. */
    int instance() {
        return instance;
    }

    /** The process's name in logs, pid files and log files: the module, with "-2" for a second instance. */
    String name() {
        return name(service, instance);
    }

    static String name(Service service, int instance) {
        return instance == 1 ? service.module() : service.module() + "-" + instance;
    }

    ChildProcess process() {
        return process;
    }

    StartupCache startupCache() {
        return startupCache;
    }

    /** The executable jar of a service: {@code <module>/target/<module>-<version>.jar}, newest first. */
    static Path jarOf(Path repoRoot, Service service) {
        Path target = repoRoot.resolve(service.module()).resolve("target");
        String prefix = service.module() + "-";
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                var jar = files.filter(file -> {
                            String name = file.getFileName().toString();
                            return name.startsWith(prefix)
                                    && name.endsWith(".jar")
                                    && !name.endsWith("-sources.jar")
                                    && !name.endsWith("-javadoc.jar")
                                    && !name.endsWith("-tests.jar")
                                    && !name.endsWith("-plain.jar");
                        })
                        .max(Comparator.comparing(ServiceProcess::modified));
                if (jar.isPresent()) {
                    return jar.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + target, e);
            }
        }
        throw new PlatformException("No jar of " + service.module() + " in " + target
                + ": build it first (./rapport run builds what is out of date; or ./mvnw install -DskipTests)");
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    static ServiceProcess start(
            Service service, Path jar, Ports ports, Map<String, String> environment, JavaCommand java, Path varDir) {
        return start(service, 1, jar, ports, environment, java, varDir);
    }

    static ServiceProcess start(
            Service service,
            int instance,
            Path jar,
            Ports ports,
            Map<String, String> environment,
            JavaCommand java,
            Path varDir) {
        String name = name(service, instance);
        StartupCache startupCache = StartupCache.prepare(jar, java, System.getenv());
        List<String> flags = Stream.concat(jvmFlags(System.getenv()).stream(), startupCache.flags().stream())
                .toList();
        ChildProcess process = ChildProcess.start(
                name,
                java.jar(flags, startupCache.jar()),
                environment,
                varDir,
                varDir.resolve("logs").resolve(name + ".log"));
        log.info(
                "Starting {} on port {} (management {}, pid {}{})",
                name,
                ports.http(service, instance),
                ports.management(service, instance),
                process.pid(),
                startupCache.trains() ? "; it writes its start-up cache when it stops" : "");
        URI readiness =
                URI.create("http://127.0.0.1:" + ports.management(service, instance) + "/actuator/health/readiness");
        return new ServiceProcess(service, instance, process, startupCache, readiness, System.nanoTime());
    }

    /**
     * Polls the readiness group on the management port until it answers 200; fails with the end of the
     * log if the process exits first or {@code timeout} (counted from the start) passes.
     */
    void awaitReady(HttpClient http, Duration timeout) {
        long deadline = startedNanos + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(readiness)
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        while (true) {
            if (!process.isAlive()) {
                throw new PlatformException(
                        process.failure(name() + " exited while starting (exit code " + process.exitValue() + ")"));
            }
            if (System.nanoTime() > deadline) {
                throw new PlatformException(process.failure(
                        name() + " was not ready within " + timeout.toSeconds() + " s (polling " + readiness + ")"));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    log.info("{} ready in {}", name(), ChildProcess.seconds(System.nanoTime() - startedNanos));
                    return;
                }
            } catch (IOException e) {
                // Not listening yet: the management server starts late in the application's start-up.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException("Interrupted while waiting for " + name());
            }
            // Waiting on the process's exit rather than sleeping notices a crash at once.
            process.awaitExit(Duration.ofMillis(500));
        }
    }

    /** Stops the process (SIGTERM, then SIGKILL after {@code grace}, or {@link #TRAINING_STOP_GRACE} when it trains). */
    void stop(Duration grace) {
        if (startupCache.trains() && process.isAlive()) {
            log.info("  {} writes its start-up cache as it stops (once per build)", name());
        }
        boolean endedByItself = process.stop(startupCache.trains() ? TRAINING_STOP_GRACE : grace);
        startupCache.afterExit(endedByItself);
    }
}

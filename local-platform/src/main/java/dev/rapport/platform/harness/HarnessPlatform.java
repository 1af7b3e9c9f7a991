package dev.rapport.platform.harness;

import dev.rapport.platform.LocalPlatform;
import dev.rapport.platform.PlatformOptions;
import dev.rapport.platform.RunningPlatform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a harness run's platform (benchmark, fault suite): its var dir wiped, its port offset chosen, the
 * embedded platform started, the run's body against it, and everything it started stopped again, also on failure
 * or Ctrl-C; and the run's report written.
 */
public final class HarnessPlatform {

    private static final Logger log = LoggerFactory.getLogger(HarnessPlatform.class);

    /** What a report's header says of the run: when it started, the machine's load before it, ports, start-up. */
    public record Run(String started, String loadBefore, int offset, Duration startup) {}

    /** What a run does with its platform, which is stopped after it. */
    @FunctionalInterface
    public interface Body {
        void run(RunningPlatform platform, Duration startup);
    }

    private HarnessPlatform() {}

    /**
     * Prepares the var dir, chooses the port offset ({@code portOffset}, or {@code freeOffset} when negative), starts
     * the platform, runs {@code body} and stops the platform. Answers the run, or null when there was no platform to
     * run against (said on stderr, after {@code command}).
     *
     * @param command how messages start ("rapport bench")
     * @param title what the log calls the run ("Benchmark (quick)")
     * @param usualStart whether to write the services' start-up caches first when one is missing (a platform started
     *     and stopped once), so that the run measures and breaks a usual start; the quick forms do not, their first
     *     platform writes the caches as it stops
     */
    public static Run run(
            String command,
            String title,
            boolean usualStart,
            Path varDir,
            Runnable prepareVarDir,
            int portOffset,
            IntSupplier freeOffset,
            IntFunction<PlatformOptions> platformOptions,
            Body body) {
        try {
            prepareVarDir.run();
        } catch (HarnessException e) {
            System.err.println(command + ": " + e.getMessage());
            return null;
        }
        int offset = portOffset >= 0 ? portOffset : freeOffset.getAsInt();
        String started = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        String loadBefore = Machine.loadAverage();
        log.info("{}: platform in {} with port offset {}", title, varDir, offset);
        AtomicReference<RunningPlatform> running = new AtomicReference<>();
        // Whatever happens (a failure, an exception, Ctrl-C): the platform this run started is stopped.
        Thread hook = new Thread(
                () -> {
                    RunningPlatform platform = running.get();
                    if (platform != null) {
                        platform.close();
                    }
                },
                command.substring(command.indexOf(' ') + 1) + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PlatformOptions options = platformOptions.apply(offset);
        if (usualStart && LocalPlatform.lacksStartupCaches(options)) {
            // Measured and broken is a usual start, from the caches; a build's first start writes them as it stops.
            log.info(
                    "{}: the services have no start-up caches for this build yet: starting and stopping the platform"
                            + " once to write them",
                    title);
            RunningPlatform training = LocalPlatform.prepare(options);
            running.set(training);
            try (training) {
                if (!started(training, command, varDir)) {
                    return null;
                }
            } finally {
                running.set(null);
            }
            try {
                prepareVarDir.run();
            } catch (HarnessException e) {
                System.err.println(command + ": " + e.getMessage());
                return null;
            }
        }
        long startNanos = System.nanoTime();
        // Known to the hook before it starts: Ctrl-C or SIGTERM during the start stops what is already running.
        RunningPlatform platform = LocalPlatform.prepare(options);
        running.set(platform);
        if (!started(platform, command, varDir)) {
            return null;
        }
        Duration startup = Duration.ofNanos(System.nanoTime() - startNanos);
        try (platform) {
            body.run(platform, startup);
        } finally {
            running.set(null);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook runs anyway.
        }
        return new Run(started, loadBefore, offset, startup);
    }

    /** Starts {@code platform}; answers false (said on stderr, after {@code command}) when it did not start. */
    private static boolean started(RunningPlatform platform, String command, Path varDir) {
        try {
            platform.start();
            return true;
        } catch (RuntimeException e) {
            System.err.println(command + ": the platform did not start (" + e.getMessage() + "); logs in "
                    + varDir.resolve("logs"));
            return false;
        }
    }

    /** Writes the report to {@code out}; answers false (said on stderr, after {@code command}) when it cannot. */
    public static boolean writeReport(String command, Path out, String report) {
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println(command + ": cannot write " + out + ": " + e.getMessage());
            return false;
        }
        log.info("Report written to {}", out);
        return true;
    }
}

package dev.rapport.platform;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A child JVM of the platform (the Kafka broker or a service) whose output goes to its own log file. */
final class ChildProcess {

    private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int STACK_TRACE_LINES = 15;

    /**
     * On Linux the children get their own session: Ctrl-C then reaches the launcher alone, whose
     * shutdown hook stops the services before Kafka. Without it the terminal would signal every
     * process at once and the services would lose the broker while they are still flushing.
     */
    private static final Path SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts {@code command}, its standard output and error going to {@code logFile} (the previous one kept as .1). */
    static ChildProcess start(
            String name, List<String> command, Map<String, String> environment, Path workDir, Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            if (Files.exists(logFile)) {
                Files.move(
                        logFile,
                        logFile.resolveSibling(logFile.getFileName() + ".1"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> fullCommand = new ArrayList<>();
            if (SETSID != null) {
                fullCommand.add(SETSID.toString());
            }
            fullCommand.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(fullCommand)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())));
            builder.environment().putAll(environment);
            Process process = builder.start();
            log.debug("started {} (pid {}): {}", name, process.pid(), String.join(" ", command));
            return new ChildProcess(name, process, logFile);
        } catch (IOException e) {
            throw new PlatformException("Cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    private static String nullDevice() {
        return System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null";
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path logFile() {
        return logFile;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    Process process() {
        return process;
    }

    /** Waits up to {@code timeout} for the process to end; true if it has ended. */
    boolean awaitExit(Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /**
     * Asks the process to stop (SIGTERM), and kills it if it is still alive after {@code grace}; answers false when
     * it had to be killed or had already ended.
     */
    boolean stop(Duration grace) {
        if (!process.isAlive()) {
            return false;
        }
        long started = System.nanoTime();
        process.destroy();
        if (awaitExit(grace)) {
            log.info("  {} stopped in {}", name, seconds(System.nanoTime() - started));
            return true;
        }
        log.warn("  {} did not stop within {} s: killing it", name, grace.toSeconds());
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
        return false;
    }

    /** The last {@code lines} lines of the log, for error messages. */
    String tail(int lines) {
        if (!Files.exists(logFile)) {
            return "(no log: " + logFile + " does not exist)";
        }
        // A reader rather than Files.lines: it replaces malformed bytes instead of failing on them.
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(Files.newInputStream(logFile), StandardCharsets.UTF_8))) {
            Deque<String> last = new ArrayDeque<>(lines);
            reader.lines().forEach(line -> {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
            return String.join("\n", last);
        } catch (UncheckedIOException | IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    /** A failure message with the end of the log, since that is where the reason is. */
    String failure(String what) {
        String tail = tail(40).lines().map(ChildProcess::readable).collect(Collectors.joining("\n"));
        return what + "\n----- last lines of " + logFile + " -----\n" + tail + "\n----- end of " + logFile + " -----";
    }

    /**
     * The services log structured JSON (ECS); in an error message a person reads the time, level, logger,
     * message and the top of the stack trace. Lines that are not such JSON stay as they are.
     */
    static String readable(String line) {
        if (!line.startsWith("{\"")) {
            return line;
        }
        try {
            JsonNode event = JSON.readTree(line);
            if (!event.has("message")) {
                return line;
            }
            String timestamp = event.path("@timestamp").asString("");
            StringBuilder text = new StringBuilder()
                    .append(timestamp.length() >= 19 ? timestamp.substring(11, 19) : timestamp)
                    .append(' ')
                    .append(event.path("log").path("level").asString(""))
                    .append(' ')
                    .append(event.path("log").path("logger").asString(""))
                    .append(" - ")
                    .append(event.path("message").asString(""));
            String stackTrace = event.path("error").path("stack_trace").asString("");
            if (!stackTrace.isEmpty()) {
                stackTrace
                        .lines()
                        .limit(STACK_TRACE_LINES)
                        .forEach(frame -> text.append('\n').append(frame));
            }
            return text.toString();
        } catch (RuntimeException e) {
            return line;
        }
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}

package dev.rapport.platform.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.platform.PlatformOptions;
import dev.rapport.platform.TestPorts;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A harness run's quick form ({@code ./rapport bench --quick}, {@code ./rapport faults --quick}) end to end, as the
 * script runs it: its own JVM, the raised rate limit, a var dir and report of its own, a free port offset; stopped
 * (SIGTERM, then SIGKILL) when it outlives its bound.
 *
 * @param ended whether it ended within its bound
 * @param exitValue its exit code (when it ended)
 * @param output what it wrote (stdout and stderr)
 */
public record QuickRun(boolean ended, int exitValue, String output, Path varDir, Path report) {

    /**
     * Runs {@code main} with {@code --quick} for at most {@code boundMinutes}.
     *
     * @param name the run's short name, for its files ("bench")
     * @param reportFile the report's file name ("benchmarks.md")
     */
    public static QuickRun of(Class<?> main, String name, String reportFile, long boundMinutes)
            throws IOException, InterruptedException {
        Launched launched = launch(main, name, reportFile);
        boolean ended = launched.process.waitFor(boundMinutes, TimeUnit.MINUTES);
        if (!ended) {
            stop(launched.process);
        }
        return launched.result(ended);
    }

    /**
     * Runs {@code main} with {@code --quick} and stops it (SIGTERM, as Ctrl-C or a service manager would) while its
     * platform starts: once a service's process has started, before it is ready. Answers the run (ended: whether it
     * ended within a minute of the signal).
     */
    public static QuickRun stoppedWhileStarting(Class<?> main, String name, String reportFile)
            throws IOException, InterruptedException {
        Launched launched = launch(main, name, reportFile);
        Path started = launched.varDir.resolve("run").resolve("contacts-service.pid");
        org.awaitility.Awaitility.await("contacts-service started")
                .atMost(java.time.Duration.ofMinutes(3))
                .pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> Files.exists(started) || !launched.process.isAlive());
        launched.process.destroy();
        boolean ended = launched.process.waitFor(60, TimeUnit.SECONDS);
        QuickRun run = launched.result(ended);
        if (!ended) {
            stop(launched.process);
        }
        return run;
    }

    private record Launched(Process process, Path varDir, Path out, Path log) {
        QuickRun result(boolean ended) throws IOException {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            return new QuickRun(ended, ended ? process.exitValue() : -1, output, varDir, out);
        }
    }

    private static Launched launch(Class<?> main, String name, String reportFile) throws IOException {
        Path repo = PlatformOptions.findRepoRoot();
        Path work = Files.createTempDirectory(repo.resolve("local-platform/target"), name + "-quick-");
        Path varDir = work.resolve("var");
        Path out = work.resolve(reportFile);
        Path log = work.resolve(name + ".log");
        Path module = repo.resolve("local-platform");
        String classpath = module.resolve("target/classes") + File.pathSeparator + module.resolve("target/lib/*");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classpath,
                main.getName(),
                "--quick",
                "--var-dir",
                varDir.toString(),
                "--out",
                out.toString(),
                "--port-offset",
                Integer.toString(TestPorts.freeOffset())));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // As ./rapport bench and ./rapport faults set them.
        builder.environment().put("RAPPORT_GATEWAY_RATE_LIMIT_RPS", "1000000");
        builder.environment().put("RAPPORT_GATEWAY_RATE_LIMIT_BURST", "1000000");
        return new Launched(builder.start(), varDir, out, log);
    }

    /** SIGTERM (the run's shutdown hook stops the platform), then SIGKILL of all that is left after a minute. */
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** The platform's processes still alive: those of its pid files and every pid its log names. */
    public List<Long> alivePlatformProcesses(String whose) throws IOException {
        List<Long> pids = new ArrayList<>();
        Matcher logged = Pattern.compile("pid (\\d+)").matcher(output);
        while (logged.find()) {
            pids.add(Long.parseLong(logged.group(1)));
        }
        Path run = varDir.resolve("run");
        if (Files.isDirectory(run)) {
            try (Stream<Path> files = Files.list(run)) {
                for (Path file : files.toList()) {
                    String pid = Files.readString(file).trim();
                    if (pid.matches("\\d+")) { // a pid file being written is still empty
                        pids.add(Long.parseLong(pid));
                    }
                }
            }
        }
        assertThat(pids).as(whose + " log names the processes it started").isNotEmpty();
        return pids.stream()
                .distinct()
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .toList();
    }

    /** The last 80 lines of the output. */
    public String tail() {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }
}

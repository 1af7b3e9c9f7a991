package dev.rapport.platform.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** What the figures were measured on, and the resident memory of the platform's processes. */
public final class Machine {

    private Machine() {}

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static String cpuModel() {
        return procField(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
    }

    /** Total memory in kB, or -1 where /proc/meminfo is not there. */
    public static long memoryKb() {
        return procField(Path.of("/proc/meminfo"), "MemTotal")
                .map(Machine::kilobytes)
                .orElse(-1L);
    }

    public static String jdk() {
        return System.getProperty("java.vm.vendor", "?") + " " + System.getProperty("java.vm.name", "") + " "
                + Runtime.version();
    }

    public static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg says them. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    public static double loadAverage1() {
        try {
            return Double.parseDouble(
                    Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The resident set (VmRSS, kB) of a process, empty when it is gone or /proc is not there. */
    public static Optional<Long> residentKb(long pid) {
        return procField(Path.of("/proc", Long.toString(pid), "status"), "VmRSS")
                .map(Machine::kilobytes);
    }

    /** Every process of the platform (its pid files under {@code var/run}) with its resident set in kB. */
    public static Map<String, Long> residentByProcess(Path varDir) {
        Map<String, Long> resident = new LinkedHashMap<>();
        pids(varDir).forEach((name, pid) -> residentKb(pid).ifPresent(kb -> resident.put(name, kb)));
        return resident;
    }

    /**
     * Every process of the platform (its pid files under {@code var/run}) with the CPU time it has used so far (user
     * and system), where the system tells it. Unlike wall-clock times, differences of these do not depend on what else
     * the machine runs, so they compare two runs made on a busy machine.
     */
    public static Map<String, Duration> cpuByProcess(Path varDir) {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        pids(varDir)
                .forEach((name, pid) -> ProcessHandle.of(pid)
                        .flatMap(process -> process.info().totalCpuDuration())
                        .ifPresent(used -> cpu.put(name, used)));
        return cpu;
    }

    /**
     * The CPU ticks (user and system, in /proc's unit, {@link CompilerTime#TICKS_PER_SECOND} a second) each JIT compiler
     * thread ({@code C1 CompilerThre…}, {@code C2 CompilerThre…}) of the platform's processes has used so far, by
     * {@code pid/tid}; empty where /proc is not there.
     */
    public static Map<String, Long> compilerTicks(Path varDir) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (long pid : pids(varDir).values()) {
            Path taskDir = Path.of("/proc", Long.toString(pid), "task");
            try (Stream<Path> tasks = Files.list(taskDir)) {
                for (Path task : tasks.toList()) {
                    compilerThreadTicks(task).ifPresent(used -> ticks.put(pid + "/" + task.getFileName(), used));
                }
            } catch (IOException | RuntimeException e) {
                // the process is gone, or there is no /proc: it compiles nothing more
            }
        }
        return ticks;
    }

    /** A thread's user + system ticks when it is a JIT compiler thread. */
    public static Optional<Long> compilerThreadTicks(Path task) {
        try {
            String name = Files.readString(task.resolve("comm")).trim();
            if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
                return Optional.empty();
            }
            return Optional.of(cpuTicks(Files.readString(task.resolve("stat"))));
        } catch (IOException e) {
            return Optional.empty(); // the thread ended
        }
    }

    /**
     * utime + stime of a {@code /proc/.../stat} line. The fields are counted after the command name's closing
     * parenthesis, since a thread name such as "C2 CompilerThre" holds spaces: state is the first, utime the 12th.
     */
    public static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The platform's processes by name, from the pid files under {@code var/run}. */
    private static Map<String, Long> pids(Path varDir) {
        Map<String, Long> pids = new LinkedHashMap<>();
        Path run = varDir.resolve("run");
        try (Stream<Path> files = Files.list(run)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".pid")) {
                    pids.put(
                            name.substring(0, name.length() - 4),
                            Long.parseLong(Files.readString(file).trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new HarnessException("Cannot read the platform's pid files under " + run + ": " + e.getMessage(), e);
        }
        return pids;
    }

    private static long kilobytes(String value) {
        // "  1234 kB"
        return Long.parseLong(value.trim().split("\\s+")[0]);
    }

    private static Optional<String> procField(Path file, String field) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(field)) {
                    return Optional.of(line.substring(colon + 1).trim());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}

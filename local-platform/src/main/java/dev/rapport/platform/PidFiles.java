package dev.rapport.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The process ids of a running platform under {@code var/run}, so that a later start can tell that an
 * earlier run is still alive and which processes to stop.
 */
public final class PidFiles {

    private final Path directory;

    public PidFiles(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    void write(String name, long pid) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(name + ".pid"), pid + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the pid file of " + name + " under " + directory, e);
        }
    }

    void delete(String name) {
        try {
            Files.deleteIfExists(directory.resolve(name + ".pid"));
        } catch (IOException e) {
            // A stale pid file only makes a later busy-port message mention a dead process: harmless.
        }
    }

    /** The recorded processes that are still alive, by name. */
    public Map<String, Long> alive() {
        Map<String, Long> alive = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return alive;
        }
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(file -> file.getFileName().toString().endsWith(".pid")).forEach(file -> {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                readPid(file)
                        .filter(pid -> pid != ProcessHandle.current().pid())
                        .filter(PidFiles::isAliveJava)
                        .ifPresent(pid -> alive.put(name, pid));
            });
        } catch (IOException e) {
            return alive;
        }
        return alive;
    }

    /** Alive and a JVM: after a reboot the same pid may well belong to something else. */
    private static boolean isAliveJava(long pid) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(process -> process.info()
                        .command()
                        .map(command -> command.contains("java"))
                        .orElse(true))
                .orElse(false);
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}

package dev.rapport.platform.harness;

import dev.rapport.platform.PortCheck;
import dev.rapport.platform.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

/** What every harness run (benchmark, fault suite) does before it starts its platform: its var dir and ports. */
public final class HarnessRuns {

    private HarnessRuns() {}

    /**
     * Wipes {@code varDir}, but only when it is new, empty, or an earlier run's (it holds {@code marker}); a failure is
     * thrown as {@code failure} makes it (the run's own exception type).
     *
     * @param whose what the runs are called in messages ("benchmark", "fault run")
     * @param command the command that wipes it ("./rapport bench")
     */
    public static void prepareVarDir(
            Path varDir,
            String marker,
            String whose,
            String command,
            BiFunction<String, IOException, ? extends HarnessException> failure) {
        try {
            if (Files.exists(varDir)) {
                boolean empty;
                try (Stream<Path> entries = Files.list(varDir)) {
                    empty = entries.findAny().isEmpty();
                }
                if (!empty && !Files.exists(varDir.resolve(marker))) {
                    throw failure.apply(
                            varDir + " is not empty and not a " + whose + "'s var dir (no " + marker + " in it): "
                                    + command + " wipes its var dir at the start, so give it a new one (--var-dir)",
                            null);
                }
                try (Stream<Path> files = Files.walk(varDir)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        if (!file.equals(varDir)) {
                            Files.delete(file);
                        }
                    }
                }
            }
            Files.createDirectories(varDir);
            Files.writeString(varDir.resolve(marker), "A " + whose + "'s var dir, wiped at each " + command + "\n");
        } catch (IOException e) {
            throw failure.apply("Cannot prepare the var dir " + varDir + ": " + e.getMessage(), e);
        }
    }

    /** The first offset from 600 (in steps of 10, below 5,000) whose every port is free. */
    public static int freeOffset(Function<String, ? extends HarnessException> failure) {
        for (int offset = 600; offset < 5_000; offset += 10) {
            if (new Ports(offset).purposes().keySet().stream().allMatch(PortCheck::isFree)) {
                return offset;
            }
        }
        throw failure.apply("No port offset between 600 and 5000 has all its ports free");
    }
}

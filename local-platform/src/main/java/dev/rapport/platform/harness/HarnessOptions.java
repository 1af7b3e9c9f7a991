package dev.rapport.platform.harness;

import dev.rapport.platform.PlatformOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the options of every harness run (benchmark, fault suite) share: option values, the command, its platform. */
public final class HarnessOptions {

    private HarnessOptions() {}

    /** The value of {@code option} at {@code index}, or an IllegalArgumentException when there is none. */
    public static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    /** The value of {@code --port-offset}. */
    public static int portOffset(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port-offset needs a whole number, not '" + value + "'");
        }
    }

    /** The command as typed ({@code ./rapport <subcommand> …}), for the report. */
    public static String command(String subcommand, List<String> arguments) {
        List<String> parts = new ArrayList<>(List.of("./rapport", subcommand));
        for (String argument : arguments) {
            parts.add(argument.contains(" ") ? "\"" + argument + "\"" : argument);
        }
        return String.join(" ", parts);
    }

    /** The embedded platform of a run: every service started, in the run's var dir, at {@code offset}. */
    public static PlatformOptions platformOptions(Path repoRoot, Path varDir, int offset) {
        return new PlatformOptions(repoRoot, varDir, offset, true, PlatformOptions.DEFAULT_STARTUP_TIMEOUT);
    }
}

package dev.rapport.platform.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The CPU time the platform's JIT compiler threads have used since this clock first looked, never going back: a
 * HotSpot JVM starts extra compiler threads when its queue grows and ends them when idle, and an ended thread's time
 * would otherwise vanish from the sum. Each thread counts with the last time it was seen.
 */
public final class CompilerTime implements Supplier<Duration> {

    /** Linux's USER_HZ, the unit of /proc's CPU times: 100 on every architecture the JDK runs on. */
    static final long TICKS_PER_SECOND = 100;

    private final Path varDir;
    private final Map<String, Long> lastSeen = new HashMap<>();

    public CompilerTime(Path varDir) {
        this.varDir = varDir;
    }

    @Override
    public synchronized Duration get() {
        lastSeen.putAll(Machine.compilerTicks(varDir));
        long ticks = lastSeen.values().stream().mapToLong(Long::longValue).sum();
        return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
    }
}

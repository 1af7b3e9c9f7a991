package dev.rapport.platform.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A closed-loop load: a fixed number of clients (virtual threads), each sending its next request as soon
 * as the previous one answered, for a fixed time. Every answer's latency and status is kept.
 */
public final class Load {

    /** One request: answers the HTTP status. An exception counts as an error (no status). */
    @FunctionalInterface
    public interface Call {
        int send(int client, long sequence) throws Exception;
    }

    /** What a load measured. Latencies are sorted, in nanoseconds, of answered requests (any status). */
    public record Result(
            String name,
            int clients,
            double seconds,
            long[] latencies,
            Map<Integer, Long> statuses,
            long errors,
            String firstError) {

        public long answered() {
            return latencies.length;
        }

        public long ok() {
            return statuses.entrySet().stream()
                    .filter(e -> e.getKey() >= 200 && e.getKey() < 300)
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }

        public long non2xx() {
            return answered() - ok();
        }

        /** Successful requests per second. */
        public double rate() {
            return seconds <= 0 ? 0 : ok() / seconds;
        }

        /** The q-quantile of the latency in milliseconds (NaN when nothing answered). */
        public double percentileMillis(double q) {
            return Stats.percentileMillis(latencies, q);
        }

        /** Non-2xx statuses with their counts, e.g. "429×12", or "none". */
        public String non2xxDetail() {
            StringBuilder detail = new StringBuilder();
            statuses.forEach((status, count) -> {
                if (status < 200 || status >= 300) {
                    detail.append(detail.isEmpty() ? "" : ", ")
                            .append(status)
                            .append("×")
                            .append(count);
                }
            });
            if (errors > 0) {
                detail.append(detail.isEmpty() ? "" : ", ")
                        .append(errors)
                        .append(" without an answer (")
                        .append(firstError)
                        .append(")");
            }
            return detail.isEmpty() ? "none" : detail.toString();
        }
    }

    private Load() {}

    /** How close a warm-up window's rate must come to the one two windows before it for the rate to count as settled. */
    public static final double SETTLED = 0.05;

    /**
     * The share of one core the platform's JIT compiler threads may use during a warm-up window for the window to count
     * as settled. A warm JVM's compilers use 1–3 % under a steady load; while they still compile the hot paths they use
     * 7 % or more, and the rate can stand still for 15 s meanwhile (the gateway's did at 156/s before rising to over
     * 900/s), which the rate alone took for settled.
     */
    public static final double COMPILERS_QUIET = 0.05;

    /**
     * What a warm-up did: how long it ran, the rate of its last window, the share of a core the compilers used in it,
     * and whether it settled before the cap.
     */
    public record WarmUp(double seconds, double rate, double compilerShare, boolean settled) {

        /** E.g. "settled after 35 s at 412/s, compilers at 2 % of a core", for the report. */
        public String describe() {
            return (settled ? "settled after " : "still rising after ") + Math.round(seconds) + " s at "
                    + Stats.rate(rate) + ", compilers at " + Math.round(compilerShare * 100) + " % of a core";
        }
    }

    /** Whether the last of these window rates is above zero and within {@value #SETTLED} of the one two before it. */
    public static boolean settled(List<Double> rates) {
        if (rates.size() < 3) {
            return false;
        }
        double rate = rates.getLast();
        double before = rates.get(rates.size() - 3);
        return rate > 0 && Math.abs(rate - before) <= SETTLED * Math.max(rate, before);
    }

    /** {@link #settled(List)}, and the compilers used at most {@value #COMPILERS_QUIET} of a core in the last window. */
    public static boolean settled(List<Double> rates, double compilerShare) {
        return settled(rates) && compilerShare <= COMPILERS_QUIET;
    }

    /**
     * Runs {@code call} in windows of {@code window} until the rate settles (a window within {@value #SETTLED} of the
     * one two windows before it, both ways, while the JIT compilers used at most {@value #COMPILERS_QUIET} of a core) or
     * {@code max} has passed. The JIT compilers need many thousands of requests before a JVM's rate stops rising (the
     * gateway's read by id went from 85/s in its first 15 s to over 1,000/s two minutes later on the 2-core machine),
     * so a fixed few seconds measure compilation, not the system. {@code compilers} answers the CPU time the compiler
     * threads of every process measured have used so far ({@link CompilerTime}).
     */
    public static WarmUp warmUp(
            String name, int clients, Duration window, Duration max, Supplier<Duration> compilers, Call call) {
        long start = System.nanoTime();
        List<Double> rates = new ArrayList<>();
        while (true) {
            Duration compiledBefore = compilers.get();
            Result result = run(name, clients, window, Duration.ofSeconds(30), call);
            double share = compilers.get().minus(compiledBefore).toNanos() / 1e9 / result.seconds();
            rates.add(result.rate());
            double seconds = (System.nanoTime() - start) / 1e9;
            if (settled(rates, share)) {
                return new WarmUp(seconds, result.rate(), share, true);
            }
            if (seconds >= max.toNanos() / 1e9) {
                return new WarmUp(seconds, result.rate(), share, false);
            }
        }
    }

    /**
     * Runs {@code call} from {@code clients} virtual threads for {@code duration}. Returns once every
     * client has stopped, or {@code grace} after the end (the stragglers are interrupted and their
     * pending requests counted as errors).
     */
    public static Result run(String name, int clients, Duration duration, Duration grace, Call call) {
        return run(name, clients, duration, grace, Long.MAX_VALUE, call);
    }

    /**
     * As {@link #run(String, int, Duration, Duration, Call)}, but the clients stop as soon as {@code requests}
     * requests have been sent in all (or the duration has passed, whichever comes first).
     */
    public static Result run(String name, int clients, Duration duration, Duration grace, long requests, Call call) {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Client> running = new ArrayList<>();
        AtomicLong sequence = new AtomicLong();
        for (int i = 0; i < clients; i++) {
            Client client = new Client(i, deadline, sequence, requests, call);
            client.thread = Thread.ofVirtual().name("bench-" + name + "-" + i).start(client);
            running.add(client);
        }
        long joinUntil = deadline + grace.toNanos();
        for (Client client : running) {
            long left = joinUntil - System.nanoTime();
            try {
                if (left <= 0 || !client.thread.join(Duration.ofNanos(left))) {
                    client.thread.interrupt();
                    client.thread.join(Duration.ofSeconds(5));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.forEach(c -> c.thread.interrupt());
                break;
            }
        }
        double seconds = (Math.min(System.nanoTime(), joinUntil) - start) / 1e9;
        // The rate counts the requests sent within the duration; the last answers arrive just after it.
        seconds = Math.max(seconds, duration.toNanos() / 1e9);
        Map<Integer, Long> statuses = new TreeMap<>();
        long errors = 0;
        String firstError = null;
        int total = 0;
        for (Client client : running) {
            synchronized (client) {
                total += client.count;
                errors += client.errors;
                if (firstError == null) {
                    firstError = client.firstError;
                }
                client.statuses.forEach((status, count) -> statuses.merge(status, count, Long::sum));
            }
        }
        long[] latencies = new long[total];
        int at = 0;
        for (Client client : running) {
            synchronized (client) {
                System.arraycopy(client.latencies, 0, latencies, at, client.count);
                at += client.count;
            }
        }
        Arrays.sort(latencies);
        return new Result(name, clients, seconds, latencies, statuses, errors, firstError);
    }

    private static final class Client implements Runnable {
        private final int index;
        private final long deadline;
        private final AtomicLong sequence;
        private final long requests;
        private final Call call;
        private final Map<Integer, Long> statuses = new TreeMap<>();
        private long[] latencies = new long[1024];
        private int count;
        private long errors;
        private String firstError;
        private Thread thread;

        Client(int index, long deadline, AtomicLong sequence, long requests, Call call) {
            this.index = index;
            this.deadline = deadline;
            this.sequence = sequence;
            this.requests = requests;
            this.call = call;
        }

        @Override
        public void run() {
            while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                long next = sequence.getAndIncrement();
                if (next >= requests) {
                    return;
                }
                long started = System.nanoTime();
                try {
                    int status = call.send(index, next);
                    long took = System.nanoTime() - started;
                    synchronized (this) {
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = took;
                        statuses.merge(status, 1L, Long::sum);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    synchronized (this) {
                        errors++;
                        if (firstError == null) {
                            firstError = e.getClass().getSimpleName() + ": " + e.getMessage();
                        }
                    }
                    // A refused connection would otherwise spin.
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
    }
}

package dev.rapport.platform.faults;

import dev.rapport.platform.ProcessControls;
import dev.rapport.platform.Service;
import dev.rapport.platform.harness.PlatformClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak's heap samples: the heap in use of every sampled service after a full GC ({@code jcmd <pid> GC.run},
 * then {@code GC.heap_info}) at given minutes, their trend's slope, and their table.
 */
final class HeapSamples {

    static final List<Service> SAMPLED = List.of(Service.GATEWAY, Service.CONTACTS, Service.REMINDERS, Service.CONTENT);
    private static final Pattern HEAP_USED =
            Pattern.compile("(?m)^\\s*[A-Za-z][\\w -]*?\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K");

    private final ProcessControls controls;
    /** Per service, (minute, MB) samples. */
    private final Map<Service, List<double[]>> heap = new LinkedHashMap<>();

    HeapSamples(ProcessControls controls) {
        this.controls = controls;
        SAMPLED.forEach(service -> heap.put(service, new ArrayList<>()));
    }

    /** The samples of {@code service} so far, as (minute, MB). */
    List<double[]> of(Service service) {
        synchronized (heap) {
            return List.copyOf(heap.get(service));
        }
    }

    /** Runs a full GC in every sampled service and records its heap in use after it (MB) at {@code minute}. */
    void sample(double minute) throws Exception {
        for (Service service : SAMPLED) {
            long pid = controls.pid(service);
            jcmd(pid, "GC.run");
            double megabytes = heapUsedKb(jcmd(pid, "GC.heap_info")) / 1024.0;
            synchronized (heap) {
                heap.get(service).add(new double[] {minute, megabytes});
            }
        }
    }

    private static String jcmd(long pid, String command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new FaultException("jcmd " + pid + " " + command + " failed: "
                    + PlatformClient.abbreviate(new String(output, StandardCharsets.UTF_8)));
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    /**
     * The heap in use (kB) that {@code GC.heap_info} reports: the sum of the "used" of its spaces that have a "total"
     * (Serial's DefNew and Tenured, G1's heap), not the metaspace's.
     */
    static long heapUsedKb(String heapInfo) {
        Matcher matcher = HEAP_USED.matcher(heapInfo);
        long used = 0;
        boolean found = false;
        while (matcher.find()) {
            used += Long.parseLong(matcher.group(1));
            found = true;
        }
        if (!found) {
            throw new FaultException(
                    "GC.heap_info said nothing of the heap in use: " + PlatformClient.abbreviate(heapInfo));
        }
        return used;
    }

    /**
     * The samples the slope is fitted to: those after the first minute of traffic (warm-up fills caches and pools
     * once) when there are at least two of them, else every sample.
     */
    static List<double[]> trend(List<double[]> samples) {
        List<double[]> after = samples.stream().filter(s -> s[0] >= 1).toList();
        return after.size() >= 2 ? after : samples;
    }

    /** The least-squares slope of (minute, MB) points, in MB a minute; NaN with fewer than two distinct minutes. */
    static double slope(List<double[]> points) {
        int n = points.size();
        if (n < 2) {
            return Double.NaN;
        }
        double meanX = points.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double meanY = points.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sxx = 0;
        double sxy = 0;
        for (double[] p : points) {
            sxx += (p[0] - meanX) * (p[0] - meanX);
            sxy += (p[0] - meanX) * (p[1] - meanY);
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }

    /** The samples of every service, one column a minute, and their slope. */
    String table() {
        StringBuilder table = new StringBuilder("| heap after a full GC (MB) at minute |");
        List<double[]> first = heap.values().iterator().next();
        StringBuilder rule = new StringBuilder("| --- |");
        for (double[] sample : first) {
            table.append(' ').append(minuteLabel(sample[0])).append(" |");
            rule.append(" --- |");
        }
        table.append(" slope |\n").append(rule).append(" --- |\n");
        heap.forEach((service, samples) -> {
            table.append("| ").append(service.module()).append(" |");
            samples.forEach(s -> table.append(String.format(Locale.ROOT, " %.1f |", s[1])));
            double slope = slope(trend(samples));
            table.append(Double.isNaN(slope) ? " n/a |" : String.format(Locale.ROOT, " %+.2f MB/min |", slope))
                    .append('\n');
        });
        return table.toString();
    }

    private static String minuteLabel(double minute) {
        return minute == Math.rint(minute) ? Long.toString((long) minute) : String.format(Locale.ROOT, "%.1f", minute);
    }
}

package dev.rapport.platform.harness;

import java.util.Locale;

/** Percentiles and the number formats of the report. */
public final class Stats {

    private Stats() {}

    /** The q-quantile (nearest rank) of sorted nanosecond values, in milliseconds; NaN when there are none. */
    public static double percentileMillis(long[] sortedNanos, double q) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sortedNanos.length);
        int index = Math.min(sortedNanos.length - 1, Math.max(0, rank - 1));
        return sortedNanos[index] / 1e6;
    }

    public static String millis(double ms) {
        if (Double.isNaN(ms)) {
            return "n/a";
        }
        if (ms >= 10_000) {
            return String.format(Locale.ROOT, "%,.1f s", ms / 1000);
        }
        return ms >= 100 ? String.format(Locale.ROOT, "%,.0f ms", ms) : String.format(Locale.ROOT, "%,.1f ms", ms);
    }

    public static String rate(double perSecond) {
        return perSecond >= 100
                ? String.format(Locale.ROOT, "%,.0f/s", perSecond)
                : String.format(Locale.ROOT, "%,.1f/s", perSecond);
    }

    public static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%,.1f s", seconds);
    }

    public static String ratio(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f×", ratio);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String megabytes(long kilobytes) {
        return String.format(Locale.ROOT, "%,d MB", Math.round(kilobytes / 1024.0));
    }
}

package dev.rapport.content.domain;

/** A publishing target: {@code perPeriod} items each {@code period} on {@code channel}. */
public record Cadence(String channel, int perPeriod, CadencePeriod period) {

    public Cadence {
        if (perPeriod < 1) {
            throw new IllegalArgumentException("a cadence asks for at least one item per period");
        }
    }

    /**
     * How many items in one period make it a burst: far more than the target, at least twice it and
     * at least two more (3 for a weekly post, 4 for two a week, 8 for four a week).
     */
    public int burstThreshold() {
        return Math.max(perPeriod + 2, 2 * perPeriod);
    }
}

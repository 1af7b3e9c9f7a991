package dev.rapport.contracts.events;

/** The calendar period a content cadence counts in (ISO weeks, calendar months or quarters). */
public enum PublishingPeriod implements WireValue {
    WEEK("week"),
    MONTH("month"),
    QUARTER("quarter");

    private final String wire;

    PublishingPeriod(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The wire value: what JSON mappers write and read (see {@link WireValue}). */
    @Override
    public String toString() {
        return wire;
    }

    /** The value named {@code wire} on the wire; an IllegalArgumentException names the known ones otherwise. */
    public static PublishingPeriod of(String wire) {
        return WireValue.parse(PublishingPeriod.class, wire);
    }
}

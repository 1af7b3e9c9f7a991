package dev.rapport.contracts.events;

/** What happened to a contact that is worth congratulating; a birthday recurs every year. */
public enum MilestoneKind implements WireValue {
    NEW_JOB("new-job"),
    PROMOTION("promotion"),
    PUBLICATION("publication"),
    AWARD("award"),
    BIRTHDAY("birthday"),
    OTHER("other");

    private final String wire;

    MilestoneKind(String wire) {
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
    public static MilestoneKind of(String wire) {
        return WireValue.parse(MilestoneKind.class, wire);
    }
}

package dev.rapport.contracts.events;

/** Who reached out or gave in an interaction: drives the give/receive balance and the keep-in-touch clock. */
public enum InteractionDirection implements WireValue {
    OUTBOUND("outbound"),
    INBOUND("inbound"),
    MUTUAL("mutual");

    private final String wire;

    InteractionDirection(String wire) {
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
    public static InteractionDirection of(String wire) {
        return WireValue.parse(InteractionDirection.class, wire);
    }
}

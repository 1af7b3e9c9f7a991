package dev.rapport.contracts.events;

/** Who owes a promise made in an interaction: the member ({@code me}) or the contact ({@code them}). */
public enum OwedBy implements WireValue {
    ME("me"),
    THEM("them");

    private final String wire;

    OwedBy(String wire) {
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
    public static OwedBy of(String wire) {
        return WireValue.parse(OwedBy.class, wire);
    }
}

package dev.rapport.contracts.events;

/** How close a contact is, as events carry it (sets the default keep-in-touch cadence). */
public enum ContactTier implements WireValue {
    INNER("inner"),
    STRATEGIC("strategic"),
    REGULAR("regular"),
    ACQUAINTANCE("acquaintance");

    private final String wire;

    ContactTier(String wire) {
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
    public static ContactTier of(String wire) {
        return WireValue.parse(ContactTier.class, wire);
    }
}

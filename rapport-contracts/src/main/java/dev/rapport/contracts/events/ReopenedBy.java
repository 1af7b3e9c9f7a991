package dev.rapport.contracts.events;

/** What brought a closed reminder back: its cause came back. */
public enum ReopenedBy implements WireValue {
    PROMISE_REOPENED("promise-reopened"),
    CONTACT_RESTORED("contact-restored");

    private final String wire;

    ReopenedBy(String wire) {
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
    public static ReopenedBy of(String wire) {
        return WireValue.parse(ReopenedBy.class, wire);
    }
}

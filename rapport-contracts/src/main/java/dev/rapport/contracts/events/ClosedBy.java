package dev.rapport.contracts.events;

/** Who or what closed (completed or dismissed) a reminder. */
public enum ClosedBy implements WireValue {
    MEMBER("member"),
    PROMISE_KEPT("promise-kept"),
    REENGAGED("reengaged"),
    CONTACT_ARCHIVED("contact-archived"),
    MEETING_CANCELLED("meeting-cancelled"),
    INTERACTION_REMOVED("interaction-removed");

    private final String wire;

    ClosedBy(String wire) {
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
    public static ClosedBy of(String wire) {
        return WireValue.parse(ClosedBy.class, wire);
    }
}

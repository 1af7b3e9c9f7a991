package dev.rapport.contracts.events;

/** What a reminder asks the member to do. */
public enum ReminderKind implements WireValue {
    FOLLOW_UP("follow-up"),
    REACH_OUT("reach-out"),
    CONGRATULATE("congratulate"),
    PARTICIPATE("participate"),
    WRITE("write"),
    SHARE("share"),
    ANSWER_COMMENTS("answer-comments"),
    ROUTINE("routine"),
    PREPARE("prepare"),
    MANUAL("manual");

    private final String wire;

    ReminderKind(String wire) {
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
    public static ReminderKind of(String wire) {
        return WireValue.parse(ReminderKind.class, wire);
    }
}

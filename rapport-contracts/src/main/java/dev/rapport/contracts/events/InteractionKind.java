package dev.rapport.contracts.events;

/** What kind of interaction was logged or captured. */
public enum InteractionKind implements WireValue {
    MESSAGE("message"),
    CALL("call"),
    COFFEE("coffee"),
    MEETING("meeting"),
    EVENT("event"),
    EMAIL("email"),
    ENGAGEMENT("engagement"),
    INTRODUCTION_MADE("introduction-made"),
    HELP_GIVEN("help-given"),
    HELP_RECEIVED("help-received"),
    CONGRATULATIONS("congratulations"),
    RESOURCE_SHARED("resource-shared"),
    OTHER("other"),
    LINKEDIN_MESSAGE("linkedin-message");

    private final String wire;

    InteractionKind(String wire) {
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
    public static InteractionKind of(String wire) {
        return WireValue.parse(InteractionKind.class, wire);
    }
}

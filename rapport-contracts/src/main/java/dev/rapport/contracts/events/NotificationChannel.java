package dev.rapport.contracts.events;

/** Where the member's notifications (the daily digest) are delivered. */
public enum NotificationChannel implements WireValue {
    WEBHOOK("webhook"),
    /** An API consumer's webhook subscription (turned off after a day of failed deliveries). */
    WEBHOOK_SUBSCRIPTION("webhook-subscription");

    private final String wire;

    NotificationChannel(String wire) {
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
    public static NotificationChannel of(String wire) {
        return WireValue.parse(NotificationChannel.class, wire);
    }
}

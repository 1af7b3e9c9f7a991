package dev.rapport.content.domain;

import java.time.DayOfWeek;
import java.time.LocalTime;

/**
 * A preferred moment to publish, in the member's time zone: a weekday and a time, for one channel
 * or (channel null) for every channel.
 */
public record PostingSlot(DayOfWeek day, LocalTime time, String channel) {

    /** Whether items of {@code channelName} may take this slot. */
    public boolean appliesTo(String channelName) {
        return channel == null || channel.equals(channelName);
    }
}

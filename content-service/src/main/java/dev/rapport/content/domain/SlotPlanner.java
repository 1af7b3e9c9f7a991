package dev.rapport.content.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the next free posting slots of a channel: the member's preferred slots for that channel, not already
 * taken by an item of the channel, and — when the channel has a cadence — only in periods that do not already
 * have their target. That is what spreads a queue of drafts over the coming weeks instead of piling them up.
 */
public final class SlotPlanner {

    /** How far ahead slots are looked for. */
    public static final int HORIZON_DAYS = 400;

    private SlotPlanner() {}

    /**
     * @param channel the channel to plan
     * @param cadence its cadence, or null when it has none (then only taken slots are skipped)
     * @param slots the member's preferred slots (those of other channels are ignored)
     * @param zone the member's time zone
     * @param after slots must start after this instant
     * @param until slots must start before this instant (null: within {@link #HORIZON_DAYS})
     * @param taken when the channel's items are scheduled or were published
     * @param count how many slots to return at most
     */
    public static List<ZonedDateTime> nextFree(
            String channel,
            Cadence cadence,
            Collection<PostingSlot> slots,
            ZoneId zone,
            Instant after,
            Instant until,
            Collection<Instant> taken,
            int count) {
        List<PostingSlot> own = slots.stream()
                .filter(slot -> slot.appliesTo(channel))
                .sorted(Comparator.comparing(PostingSlot::time))
                .toList();
        List<ZonedDateTime> free = new ArrayList<>();
        if (own.isEmpty() || count <= 0) {
            return free;
        }
        Set<Instant> takenMoments = new HashSet<>(taken);
        Map<LocalDate, Integer> perPeriod = new HashMap<>();
        if (cadence != null) {
            for (Instant moment : taken) {
                perPeriod.merge(periodOf(cadence, moment, zone), 1, Integer::sum);
            }
        }
        LocalDate first = after.atZone(zone).toLocalDate();
        LocalDate last = until == null
                ? first.plusDays(HORIZON_DAYS)
                : until.atZone(zone).toLocalDate();
        for (LocalDate day = first; !day.isAfter(last) && free.size() < count; day = day.plusDays(1)) {
            for (PostingSlot slot : own) {
                if (slot.day() != day.getDayOfWeek() || free.size() >= count) {
                    continue;
                }
                ZonedDateTime candidate = day.atTime(slot.time()).atZone(zone);
                Instant moment = candidate.toInstant();
                if (!moment.isAfter(after) || (until != null && !moment.isBefore(until))) {
                    continue;
                }
                if (takenMoments.contains(moment)) {
                    continue;
                }
                if (cadence != null) {
                    LocalDate period = cadence.period().startOf(day);
                    if (perPeriod.getOrDefault(period, 0) >= cadence.perPeriod()) {
                        continue;
                    }
                    perPeriod.merge(period, 1, Integer::sum);
                }
                takenMoments.add(moment);
                free.add(candidate);
            }
        }
        return free;
    }

    private static LocalDate periodOf(Cadence cadence, Instant moment, ZoneId zone) {
        return cadence.period().startOf(moment.atZone(zone).toLocalDate());
    }
}

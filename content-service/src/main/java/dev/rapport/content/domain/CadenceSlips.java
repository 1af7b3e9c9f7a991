package dev.rapport.content.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Finds the completed periods in which a channel missed its cadence, the facts behind {@code ContentCadenceSlipped}. */
public final class CadenceSlips {

    /**
     * How many completed periods back are looked at: enough to catch up after an outage, few enough that
     * re-planning an old cadence does not flood the member with reminders about the distant past.
     */
    public static final int LOOK_BACK = 3;

    private CadenceSlips() {}

    /** A completed period with fewer items than the target; {@code end} is its last day. */
    public record Slip(LocalDate start, LocalDate end, int target, int published) {}

    /**
     * @param cadenceSince the day the cadence was set: periods that started before it are never judged
     * @param published days (member's time zone) the channel's items went out
     * @param today today in the member's time zone
     */
    public static List<Slip> missed(
            Cadence cadence, LocalDate cadenceSince, Collection<LocalDate> published, LocalDate today) {
        CadencePeriod period = cadence.period();
        LocalDate current = period.startOf(today);
        LocalDate from = current;
        for (int i = 0; i < LOOK_BACK; i++) {
            from = period.previous(from);
        }
        LocalDate firstJudged = period.firstFullPeriodFrom(cadenceSince);
        if (from.isBefore(firstJudged)) {
            from = firstJudged;
        }
        List<Slip> slips = new ArrayList<>();
        for (LocalDate start = from; start.isBefore(current); start = period.next(start)) {
            LocalDate end = period.next(start);
            int count = 0;
            for (LocalDate day : published) {
                if (!day.isBefore(start) && day.isBefore(end)) {
                    count++;
                }
            }
            if (count < cadence.perPeriod()) {
                slips.add(new Slip(start, end.minusDays(1), cadence.perPeriod(), count));
            }
        }
        return slips;
    }
}

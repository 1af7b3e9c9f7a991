package dev.rapport.contracts.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A channel's cadence period ended without the target number of publications (once per period and channel).
 *
 * @param period the cadence period: {@code week}, {@code month} or {@code quarter} (null from producers older
 *     than the field); the dates are in the member's time zone
 */
public record ContentCadenceSlipped(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String channel,
        LocalDate periodStart,
        LocalDate periodEnd,
        int targetPerPeriod,
        int publishedInPeriod,
        PublishingPeriod period)
        implements ContentEvent {

    /** This event with the header the write path stamps. */
    public ContentCadenceSlipped(
            EventHeader header,
            String channel,
            LocalDate periodStart,
            LocalDate periodEnd,
            int targetPerPeriod,
            int publishedInPeriod,
            PublishingPeriod period) {
        this(
                header.eventId(),
                header.occurredAt(),
                header.memberId(),
                header.tenantId(),
                channel,
                periodStart,
                periodEnd,
                targetPerPeriod,
                publishedInPeriod,
                period);
    }

    /** The first version of the record, without the period name (kept so existing callers compile). */
    public ContentCadenceSlipped(
            String eventId,
            Instant occurredAt,
            String memberId,
            String tenantId,
            String channel,
            LocalDate periodStart,
            LocalDate periodEnd,
            int targetPerPeriod,
            int publishedInPeriod) {
        this(
                eventId,
                occurredAt,
                memberId,
                tenantId,
                channel,
                periodStart,
                periodEnd,
                targetPerPeriod,
                publishedInPeriod,
                null);
    }

    @Override
    public String subject() {
        return channel + "/" + periodStart;
    }
}

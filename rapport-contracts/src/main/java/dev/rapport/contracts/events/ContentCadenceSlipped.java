package dev.rapport.contracts.events;

import java.time.Instant;
import java.time.LocalDate;

/** A channel's cadence period ended without the target number of publications (once per period and channel). */
public record ContentCadenceSlipped(
        String eventId,
        Instant occurredAt,
        String memberId,
        String tenantId,
        String channel,
        LocalDate periodStart,
        LocalDate periodEnd,
        int targetPerPeriod,
        int publishedInPeriod)
        implements ContentEvent {

    @Override
    public String subject() {
        return channel + "/" + periodStart;
    }
}

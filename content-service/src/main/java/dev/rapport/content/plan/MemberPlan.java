package dev.rapport.content.plan;

import dev.rapport.content.domain.Cadence;
import dev.rapport.content.domain.PostingSlot;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A member's plan in domain terms, for the features that work from it (items, calendar, consistency, sweeps).
 *
 * @param cadenceSetAt when each channel's cadence was set
 */
public record MemberPlan(
        String memberId,
        String tenantId,
        ZoneId zone,
        List<String> pillars,
        List<Cadence> cadences,
        List<PostingSlot> slots,
        Map<String, Instant> cadenceSetAt) {

    /** The cadence of a channel, if the plan has one. */
    public Optional<Cadence> cadenceOf(String channel) {
        return cadences.stream().filter(c -> c.channel().equals(channel)).findFirst();
    }

    /** The pillar of the plan equal to {@code name} ignoring case, if any. */
    public Optional<String> pillarNamed(String name) {
        return pillars.stream().filter(p -> p.equalsIgnoreCase(name.trim())).findFirst();
    }
}

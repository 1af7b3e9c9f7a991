package dev.rapport.content.calendar;

import dev.rapport.content.domain.Cadence;
import dev.rapport.content.domain.ItemStatus;
import dev.rapport.content.domain.PostingSlot;
import dev.rapport.content.items.ContentItemDocument;
import dev.rapport.content.items.ContentItemQueries;
import dev.rapport.content.plan.ContentPlanService;
import dev.rapport.content.plan.MemberPlan;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The member's content calendar and the queue's next free slots. */
@RestController
@Validated
@Tag(name = "Content calendar", description = "What is scheduled and published when, and the free posting slots")
@RequestMapping("/api/v1/content/calendar")
class CalendarController {

    static final int MAX_DAYS = 366;

    private final ContentPlanService plans;
    private final ContentItemQueries items;
    private final Clock clock;

    CalendarController(ContentPlanService plans, ContentItemQueries items, Clock clock) {
        this.plans = plans;
        this.items = items;
        this.clock = clock;
    }

    /** The calendar of a date range. */
    record Calendar(LocalDate from, LocalDate to, String timeZone, List<Entry> entries, List<ChannelSlots> freeSlots) {}

    /** A scheduled or published item on the calendar, at its moment in the member's time zone. */
    record Entry(String itemId, String title, String channel, String format, String status, ZonedDateTime at) {}

    /** The free posting slots of a channel. */
    record ChannelSlots(String channel, List<ZonedDateTime> slots) {}

    @GetMapping
    @Operation(
            summary = "Scheduled and published items between two dates, with the free slots still open",
            description = "Dates are days in the member's time zone, both included (at most 366 days; default: the"
                    + " next 4 weeks). Free slots are the preferred posting slots not taken and in periods whose"
                    + " cadence is not met yet.")
    Calendar calendar(
            IdentityAssertion caller,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        MemberPlan plan = plans.of(caller.memberId()).orElse(null);
        ZoneId zone = plan == null ? ZoneOffset.UTC : plan.zone();
        LocalDate start = from == null ? LocalDate.now(clock.withZone(zone)) : from;
        LocalDate end = to == null ? start.plusDays(27) : to;
        if (end.isBefore(start)) {
            throw ApiException.invalidField("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw ApiException.invalidField("to", "the range may cover at most " + MAX_DAYS + " days");
        }
        Instant rangeStart = start.atStartOfDay(zone).toInstant();
        Instant rangeEnd = end.plusDays(1).atStartOfDay(zone).toInstant();
        List<ContentItemDocument> all = items.ofMember(caller.memberId());
        List<Entry> entries = all.stream()
                .filter(item -> {
                    Instant at = momentOf(item);
                    return at != null && !at.isBefore(rangeStart) && at.isBefore(rangeEnd);
                })
                .map(item -> new Entry(
                        item.getId(),
                        item.title(),
                        item.channel(),
                        item.format(),
                        item.status().id(),
                        momentOf(item).atZone(zone)))
                .sorted(Comparator.comparing(Entry::at))
                .toList();
        List<ChannelSlots> free = new ArrayList<>();
        if (plan != null) {
            Instant after = rangeStart.isAfter(clock.instant()) ? rangeStart : clock.instant();
            for (String channel : channels(plan, null)) {
                free.add(new ChannelSlots(
                        channel, ContentItemQueries.freeSlots(plan, channel, after, rangeEnd, all, null, 100)));
            }
        }
        return new Calendar(start, end, zone.getId(), entries, free);
    }

    @GetMapping("/next-slots")
    @Operation(
            summary = "The next free posting slots per channel (the queue)",
            description = "For every channel with a cadence or a slot of its own, or only for the one asked.")
    List<ChannelSlots> nextSlots(
            IdentityAssertion caller,
            @Parameter(description = "Only this channel") @RequestParam(required = false) String channel,
            @RequestParam(defaultValue = "3") @Min(1) @Max(20) int count) {
        MemberPlan plan = plans.of(caller.memberId()).orElse(null);
        if (plan == null) {
            return List.of();
        }
        List<ContentItemDocument> all = items.ofMember(caller.memberId());
        return channels(plan, channel).stream()
                .map(c -> new ChannelSlots(
                        c, ContentItemQueries.freeSlots(plan, c, clock.instant(), null, all, null, count)))
                .toList();
    }

    private static Set<String> channels(MemberPlan plan, String only) {
        Set<String> channels = new LinkedHashSet<>();
        if (only != null) {
            channels.add(only);
            return channels;
        }
        plan.cadences().stream().map(Cadence::channel).forEach(channels::add);
        plan.slots().stream().map(PostingSlot::channel).filter(c -> c != null).forEach(channels::add);
        return channels;
    }

    private static Instant momentOf(ContentItemDocument item) {
        if (item.status() == ItemStatus.SCHEDULED) {
            return item.scheduledFor();
        }
        return item.status() == ItemStatus.PUBLISHED ? item.publishedAt() : null;
    }
}

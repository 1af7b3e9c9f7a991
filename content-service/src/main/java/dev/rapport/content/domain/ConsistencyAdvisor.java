package dev.rapport.content.domain;

import dev.rapport.content.domain.ChannelConsistency.CurrentPeriod;
import dev.rapport.content.domain.ChannelConsistency.Gap;
import dev.rapport.content.domain.ChannelConsistency.PeriodTally;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns a channel's consistency and its pipeline (scheduled items, drafts, ideas, free slots) into concrete steps. */
public final class ConsistencyAdvisor {

    private static final Locale SPANISH = Locale.forLanguageTag("es");

    private ConsistencyAdvisor() {}

    /**
     * What the member can do on one channel.
     *
     * @param scheduled the channel's items scheduled from now on
     * @param drafts the channel's drafts without a slot
     * @param ideas how many ideas wait on the channel
     * @param freeSlots the channel's next free slots (from {@link SlotPlanner}), handed out in order
     * @param pillarHint a pillar to write about when there is nothing in the pipeline, or null
     */
    public static List<Suggestion> forChannel(
            ChannelConsistency consistency,
            List<PlannedItem> scheduled,
            List<PlannedItem> drafts,
            int ideas,
            List<ZonedDateTime> freeSlots,
            String pillarHint,
            ZoneId zone,
            Locale locale) {
        Texts texts = new Texts(locale);
        Cadence cadence = consistency.cadence();
        String channel = cadence.channel();
        List<Suggestion> suggestions = new ArrayList<>();
        int nextSlot = 0;

        // Items piled into one period beyond its target: keep the first ones, move the rest to free slots.
        Map<LocalDate, List<PlannedItem>> byPeriod = scheduled.stream()
                .sorted(Comparator.comparing(PlannedItem::scheduledFor))
                .collect(Collectors.groupingBy(
                        item -> cadence.period()
                                .startOf(item.scheduledFor().atZone(zone).toLocalDate()),
                        LinkedHashMap::new,
                        Collectors.toList()));
        for (Map.Entry<LocalDate, List<PlannedItem>> period : byPeriod.entrySet()) {
            int alreadyOut = period.getKey().equals(consistency.current().start())
                    ? consistency.current().published()
                    : 0;
            int keep = Math.max(0, cadence.perPeriod() - alreadyOut);
            List<PlannedItem> items = period.getValue();
            if (items.size() <= keep) {
                continue;
            }
            List<PlannedItem> extra = items.subList(keep, items.size());
            List<ZonedDateTime> slots =
                    freeSlots.subList(nextSlot, Math.min(freeSlots.size(), nextSlot + extra.size()));
            nextSlot += slots.size();
            suggestions.add(new Suggestion(
                    "spread-scheduled",
                    channel,
                    texts.spread(cadence, period.getKey(), items.size(), keep, extra.size(), slots),
                    extra.stream().map(PlannedItem::id).toList(),
                    List.copyOf(slots)));
        }

        CurrentPeriod current = consistency.current();
        if (consistency.isNew() && current.published() == 0) {
            suggestions.add(new Suggestion(
                    "first-period",
                    channel,
                    texts.firstPeriod(cadence, consistency.trackedFrom()),
                    List.of(),
                    List.of()));
        }
        if (current.unplanned() > 0) {
            ZonedDateTime slot = nextSlot < freeSlots.size() ? freeSlots.get(nextSlot) : null;
            if (!drafts.isEmpty()) {
                PlannedItem draft = drafts.getFirst();
                suggestions.add(new Suggestion(
                        "schedule-draft",
                        channel,
                        texts.scheduleDraft(cadence, draft.title(), slot),
                        List.of(draft.id()),
                        slot == null ? List.of() : List.of(slot)));
            } else if (ideas > 0) {
                suggestions.add(new Suggestion(
                        "draft-an-idea", channel, texts.draftAnIdea(cadence, ideas), List.of(), List.of()));
            } else {
                suggestions.add(new Suggestion(
                        "plan-new-item", channel, texts.planNewItem(cadence, pillarHint), List.of(), List.of()));
            }
        }

        lastBurstBeforeAGap(consistency)
                .ifPresent(burstThenGap -> suggestions.add(new Suggestion(
                        "after-burst",
                        channel,
                        texts.afterBurst(cadence, burstThenGap.burst(), burstThenGap.gap()),
                        List.of(),
                        List.of())));
        return suggestions;
    }

    /** A step about a pillar that had nothing published in the window. */
    public static Suggestion neglectedPillar(String pillar, int days, Locale locale) {
        return new Suggestion(
                "neglected-pillar", null, new Texts(locale).neglectedPillar(pillar, days), List.of(), List.of());
    }

    private record BurstThenGap(PeriodTally burst, Gap gap) {}

    private static Optional<BurstThenGap> lastBurstBeforeAGap(ChannelConsistency consistency) {
        for (int i = consistency.bursts().size() - 1; i >= 0; i--) {
            PeriodTally burst = consistency.bursts().get(i);
            LocalDate after = burst.end().plusDays(1);
            for (Gap gap : consistency.gaps()) {
                if (gap.from().equals(after)) {
                    return Optional.of(new BurstThenGap(burst, gap));
                }
            }
        }
        return Optional.empty();
    }

    /** The member-facing sentences, in Spanish or English. */
    private record Texts(boolean spanish, Locale locale) {

        Texts(Locale requested) {
            this("es".equals(requested.getLanguage()), "es".equals(requested.getLanguage()) ? SPANISH : Locale.ENGLISH);
        }

        String spread(
                Cadence cadence, LocalDate period, int scheduled, int keep, int extra, List<ZonedDateTime> slots) {
            String when = periodLabel(cadence.period(), period);
            String kept = keep == 0
                    ? (spanish ? "mueve" : "move")
                    : (spanish ? "deja " + keep + " y reparte" : "keep " + keep + " and spread");
            String where = slots.size() == extra
                    ? (spanish
                            ? "en los próximos " + extra + " huecos " + adjective(cadence.period(), extra) + ": "
                                    + slotList(slots)
                            : "over the next " + extra + " " + adjective(cadence.period(), extra) + " slots: "
                                    + slotList(slots))
                    : (spanish
                            ? "en " + units(cadence.period(), extra)
                                    + " diferentes (añade huecos de publicación a tu plan para ver fechas)"
                            : "over " + extra + " different " + units(cadence.period(), extra)
                                    + " (add posting slots to your plan to get dates)");
            return spanish
                    ? "Tienes " + scheduled + " elementos de " + cadence.channel() + " programados en " + when + ": "
                            + kept + (keep == 0 ? " los " + extra + " " : " los otros " + extra + " ") + where + "."
                    : "You have " + scheduled + " " + cadence.channel() + " items scheduled in " + when + ": " + kept
                            + (keep == 0 ? " all " + extra + " " : " the other " + extra + " ") + where + ".";
        }

        String firstPeriod(Cadence cadence, LocalDate from) {
            return spanish
                    ? "Tu ritmo en " + cadence.channel() + " se mide desde el " + day(from) + ": publica "
                            + cadence.perPeriod() + " " + per(cadence.period()) + " desde entonces."
                    : "Your " + cadence.channel() + " cadence is judged from " + day(from) + ": publish "
                            + cadence.perPeriod() + " " + per(cadence.period()) + " from then on.";
        }

        String scheduleDraft(Cadence cadence, String title, ZonedDateTime slot) {
            String start = nothingPlanned(cadence);
            if (slot == null) {
                return spanish
                        ? start + ": programa tu borrador «" + title + "»."
                        : start + ": schedule your draft “" + title + "”.";
            }
            return spanish
                    ? start + ": programa tu borrador «" + title + "» para el " + slot(slot) + "."
                    : start + ": schedule your draft “" + title + "” for " + slot(slot) + ".";
        }

        String draftAnIdea(Cadence cadence, int ideas) {
            return spanish
                    ? nothingPlanned(cadence) + ": convierte en borrador una de tus " + ideas
                            + (ideas == 1 ? " idea." : " ideas.")
                    : nothingPlanned(cadence) + ": turn one of your " + ideas + (ideas == 1 ? " idea" : " ideas")
                            + " into a draft.";
        }

        String planNewItem(Cadence cadence, String pillar) {
            if (pillar == null) {
                return spanish
                        ? nothingPlanned(cadence) + " y no te quedan ideas: apunta una."
                        : nothingPlanned(cadence) + " and you have no ideas waiting: note one down.";
            }
            return spanish
                    ? nothingPlanned(cadence) + " y no te quedan ideas: apunta una sobre «" + pillar + "»."
                    : nothingPlanned(cadence) + " and you have no ideas waiting: note one about “" + pillar + "”.";
        }

        String afterBurst(Cadence cadence, PeriodTally burst, Gap gap) {
            return spanish
                    ? "En " + periodLabel(cadence.period(), burst.start()) + " publicaste " + burst.published()
                            + " veces en " + cadence.channel() + " y después pasaron "
                            + units(cadence.period(), gap.periods())
                            + " sin cumplir: programa lo que escribas en lugar de publicarlo todo de golpe."
                    : "In " + periodLabel(cadence.period(), burst.start()) + " you published " + burst.published()
                            + " times on " + cadence.channel() + ", then missed " + gap.periods() + " "
                            + units(cadence.period(), gap.periods())
                            + ": schedule what you write instead of posting it all at once.";
        }

        String neglectedPillar(String pillar, int days) {
            return spanish
                    ? "No has publicado nada sobre «" + pillar + "» en los últimos " + days + " días: planifica algo."
                    : "Nothing published about “" + pillar + "” in the last " + days + " days: plan an item on it.";
        }

        private String nothingPlanned(Cadence cadence) {
            String when = switch (cadence.period()) {
                case WEEK -> spanish ? "esta semana" : "this week";
                case MONTH -> spanish ? "este mes" : "this month";
                case QUARTER -> spanish ? "este trimestre" : "this quarter";
            };
            return spanish
                    ? "Aún falta algo para " + when + " en " + cadence.channel()
                    : "Nothing is planned yet to meet " + when + "'s target on " + cadence.channel();
        }

        private String periodLabel(CadencePeriod period, LocalDate start) {
            return switch (period) {
                case WEEK -> (spanish ? "la semana del " : "the week of ") + day(start);
                case MONTH ->
                    start.format(DateTimeFormatter.ofPattern(spanish ? "MMMM 'de' yyyy" : "MMMM yyyy", locale));
                case QUARTER ->
                    (spanish ? "el T" : "Q") + ((start.getMonthValue() - 1) / 3 + 1) + " " + start.getYear();
            };
        }

        private String adjective(CadencePeriod period, int count) {
            return switch (period) {
                case WEEK -> spanish ? (count == 1 ? "semanal" : "semanales") : "weekly";
                case MONTH -> spanish ? (count == 1 ? "mensual" : "mensuales") : "monthly";
                case QUARTER -> spanish ? (count == 1 ? "trimestral" : "trimestrales") : "quarterly";
            };
        }

        private String units(CadencePeriod period, int count) {
            boolean one = count == 1;
            String word = switch (period) {
                case WEEK -> spanish ? (one ? "semana" : "semanas") : (one ? "week" : "weeks");
                case MONTH -> spanish ? (one ? "mes" : "meses") : (one ? "month" : "months");
                case QUARTER -> spanish ? (one ? "trimestre" : "trimestres") : (one ? "quarter" : "quarters");
            };
            return spanish ? count + " " + word : word;
        }

        private String per(CadencePeriod period) {
            return switch (period) {
                case WEEK -> spanish ? "por semana" : "a week";
                case MONTH -> spanish ? "al mes" : "a month";
                case QUARTER -> spanish ? "por trimestre" : "a quarter";
            };
        }

        private String day(LocalDate date) {
            return date.format(DateTimeFormatter.ofPattern("d MMM", locale));
        }

        private String slot(ZonedDateTime slot) {
            return slot.format(DateTimeFormatter.ofPattern("EEE d MMM HH:mm", locale));
        }

        private String slotList(List<ZonedDateTime> slots) {
            return slots.stream().map(this::slot).collect(Collectors.joining(", "));
        }
    }
}

package dev.rapport.contacts.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The health of one relationship, 0 to 100, as the sum of three explained parts:
 *
 * <ul>
 *   <li><b>recency</b> (up to 50): full while less than half the cadence has passed since the
 *       latest interaction, 25 when the touch is exactly due, 0 once twice the cadence has passed
 *       (linear in between); 0 without any interaction;
 *   <li><b>frequency</b> (up to 30): interactions over the last 365 days against what the cadence
 *       asks for (365 / cadence), capped at 100 %;
 *   <li><b>balance</b> (up to 20): what the member gave (help, introductions, resources,
 *       congratulations) against what they received (help) over the last 365 days; full when they
 *       gave at least as much as they received, 10 when there is nothing either way.
 * </ul>
 */
public final class RelationshipHealth {

    public static final int RECENCY_MAX = 50;
    public static final int FREQUENCY_MAX = 30;
    public static final int BALANCE_MAX = 20;
    public static final Duration YEAR = Duration.ofDays(365);

    /** Interaction types in which the member gave something. */
    public static final Set<String> GIVING =
            Set.of("help-given", "introduction-made", "resource-shared", "congratulations");

    /** Interaction types in which the member received something. */
    public static final Set<String> RECEIVING = Set.of("help-received");

    private RelationshipHealth() {}

    /** One interaction as far as health is concerned. */
    public record Fact(Instant at, String type) {}

    /** A part of the score, with what it is made of, explained in English and Spanish. */
    public record Part(String name, int points, int max, String en, String es) {}

    /** The score and its parts (which add up to it). */
    public record Score(int score, List<Part> parts) {}

    /** How much was given and received over the last year. */
    public record Balance(int given, int received) {}

    /** Scores a relationship from its cadence, latest interaction and the interactions of the last year. */
    public static Score score(int cadenceDays, Instant lastInteractionAt, List<Fact> lastYear, Instant now) {
        Tally recent = new Tally();
        lastYear.forEach(fact -> recent.countIfWithinYear(fact.at(), fact.type(), now));
        return score(cadenceDays, lastInteractionAt, recent, now);
    }

    /** Scores a relationship from its cadence, latest interaction and the tally of the last year's interactions. */
    public static Score score(int cadenceDays, Instant lastInteractionAt, Tally lastYear, Instant now) {
        Part recency = recency(cadenceDays, lastInteractionAt, now);
        Part frequency = frequency(cadenceDays, lastYear.interactions());
        Part balance = balance(lastYear.balance());
        return new Score(
                recency.points() + frequency.points() + balance.points(), List.of(recency, frequency, balance));
    }

    /** What was given and received in some interactions. */
    public static Balance balanceOf(List<Fact> facts) {
        Tally tally = new Tally();
        facts.forEach(fact -> tally.count(fact.type()));
        return tally.balance();
    }

    /**
     * What health needs of some interactions: how many, how many gave and how many received. Counting instead of
     * keeping the interactions lets the network view read a year of a large network in constant memory per contact.
     */
    public static final class Tally {

        private int interactions;
        private int given;
        private int received;

        /** Counts one interaction of {@code type}. */
        public void count(String type) {
            interactions++;
            if (GIVING.contains(type)) {
                given++;
            } else if (RECEIVING.contains(type)) {
                received++;
            }
        }

        /** Counts one interaction of {@code type} at {@code at} if it lies within the year up to {@code now}. */
        public void countIfWithinYear(Instant at, String type, Instant now) {
            if (!at.isBefore(now.minus(YEAR)) && !at.isAfter(now)) {
                count(type);
            }
        }

        public int interactions() {
            return interactions;
        }

        public Balance balance() {
            return new Balance(given, received);
        }
    }

    static Part recency(int cadenceDays, Instant lastInteractionAt, Instant now) {
        if (lastInteractionAt == null) {
            return new Part(
                    "recency",
                    0,
                    RECENCY_MAX,
                    "No interaction logged yet.",
                    "Todavía no hay ninguna interacción registrada.");
        }
        long days = Math.max(0, Duration.between(lastInteractionAt, now).toDays());
        double ratio = (double) days / cadenceDays;
        double points;
        if (ratio <= 0.5) {
            points = RECENCY_MAX;
        } else if (ratio <= 1) {
            points = RECENCY_MAX - RECENCY_MAX * (ratio - 0.5);
        } else if (ratio <= 2) {
            points = (RECENCY_MAX / 2.0) * (2 - ratio);
        } else {
            points = 0;
        }
        return new Part(
                "recency",
                (int) Math.round(points),
                RECENCY_MAX,
                "Last interaction " + days + " days ago; the cadence is every " + cadenceDays + " days.",
                "Última interacción hace " + days + " días; la cadencia es cada " + cadenceDays + " días.");
    }

    static Part frequency(int cadenceDays, int interactions) {
        double expected = Math.max(1.0, 365.0 / cadenceDays);
        double share = Math.min(1.0, interactions / expected);
        long expectedRounded = Math.round(expected);
        return new Part(
                "frequency",
                (int) Math.round(FREQUENCY_MAX * share),
                FREQUENCY_MAX,
                interactions + " interactions in the last 365 days; the cadence asks for about " + expectedRounded
                        + ".",
                interactions + " interacciones en los últimos 365 días; la cadencia pide unas " + expectedRounded
                        + ".");
    }

    static Part balance(Balance balance) {
        int total = balance.given() + balance.received();
        int points;
        if (total == 0) {
            points = BALANCE_MAX / 2;
        } else {
            double givenShare = (double) balance.given() / total;
            points = (int) Math.round(BALANCE_MAX * Math.min(1.0, givenShare / 0.5));
        }
        return new Part(
                "balance",
                points,
                BALANCE_MAX,
                "Gave " + balance.given() + " times and received " + balance.received()
                        + " times in the last 365 days.",
                "Diste " + balance.given() + " veces y recibiste " + balance.received()
                        + " veces en los últimos 365 días.");
    }
}

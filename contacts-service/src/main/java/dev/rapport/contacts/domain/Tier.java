package dev.rapport.contacts.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How close a relationship is, with the default keep-in-touch cadence of each tier. */
public enum Tier {
    INNER(30),
    STRATEGIC(60),
    REGULAR(120),
    ACQUAINTANCE(365);

    private final int defaultCadenceDays;

    Tier(int defaultCadenceDays) {
        this.defaultCadenceDays = defaultCadenceDays;
    }

    public int defaultCadenceDays() {
        return defaultCadenceDays;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Tier of(String id) {
        for (Tier tier : values()) {
            if (tier.id().equalsIgnoreCase(id)) {
                return tier;
            }
        }
        throw new IllegalArgumentException("unknown tier '" + id + "': use inner, strategic, regular or acquaintance");
    }
}

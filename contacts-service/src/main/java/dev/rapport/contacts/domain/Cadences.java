package dev.rapport.contacts.domain;

/**
 * A member's default keep-in-touch cadence of each tier, in days; a contact's own cadence, when
 * set, wins over its tier's.
 */
public record Cadences(int inner, int strategic, int regular, int acquaintance) {

    /** The smallest and largest cadence accepted, in days. */
    public static final int MIN_DAYS = 1;

    public static final int MAX_DAYS = 3650;

    /** The cadences of a member who has not chosen any. */
    public static final Cadences DEFAULTS = new Cadences(
            Tier.INNER.defaultCadenceDays(),
            Tier.STRATEGIC.defaultCadenceDays(),
            Tier.REGULAR.defaultCadenceDays(),
            Tier.ACQUAINTANCE.defaultCadenceDays());

    /** The member's default cadence of a tier. */
    public int forTier(Tier tier) {
        return switch (tier) {
            case INNER -> inner;
            case STRATEGIC -> strategic;
            case REGULAR -> regular;
            case ACQUAINTANCE -> acquaintance;
        };
    }

    /** The cadence in force for a contact: its own when set, else its tier's. */
    public int inForce(Integer custom, Tier tier) {
        return custom != null ? custom : forTier(tier);
    }
}

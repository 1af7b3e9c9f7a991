package dev.rapport.contracts.events;

/** What kind of content item it is. */
public enum ContentFormat implements WireValue {
    ARTICLE("article"),
    POST("post"),
    NEWS("news"),
    COMPANY_NEWS("company-news"),
    ACHIEVEMENT("achievement"),
    EVENT_PHOTOS("event-photos"),
    POLL("poll"),
    TIPS("tips"),
    BOOK_RECOMMENDATION("book-recommendation"),
    PODCAST_RECOMMENDATION("podcast-recommendation"),
    FILM_RECOMMENDATION("film-recommendation"),
    VIDEO("video"),
    TALK("talk"),
    NEWSLETTER_ISSUE("newsletter-issue"),
    OTHER("other");

    private final String wire;

    ContentFormat(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The wire value: what JSON mappers write and read (see {@link WireValue}). */
    @Override
    public String toString() {
        return wire;
    }

    /** The value named {@code wire} on the wire; an IllegalArgumentException names the known ones otherwise. */
    public static ContentFormat of(String wire) {
        return WireValue.parse(ContentFormat.class, wire);
    }
}

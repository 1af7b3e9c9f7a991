package dev.rapport.content.items;

/** The formats an item can take; the set is closed so that clients and analytics can rely on it. */
final class ItemFormats {

    static final String PATTERN = "article|post|news|company-news|achievement|event-photos|poll|tips"
            + "|book-recommendation|podcast-recommendation|film-recommendation|video|talk|newsletter-issue|other";

    static final String MESSAGE = "must be one of article, post, news, company-news, achievement, event-photos, poll,"
            + " tips, book-recommendation, podcast-recommendation, film-recommendation, video, talk, newsletter-issue,"
            + " other";

    private ItemFormats() {}
}

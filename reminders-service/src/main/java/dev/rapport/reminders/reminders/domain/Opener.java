package dev.rapport.reminders.reminders.domain;

/**
 * A suggested first line for reaching out, kept as data so it is written in the member's current
 * language when read.
 *
 * @param style how it opens: {@code greeting}, {@code share} (something useful, such as the member's own
 *     latest content), {@code question} (a concrete question) or {@code shared-experience}
 * @param topic the interest it touches on, if any
 * @param reference the milestone or past conversation it refers to, if any
 * @param contentTitle the content it shares, if any
 * @param contentUrl where that content is
 */
public record Opener(String style, String topic, String reference, String contentTitle, String contentUrl) {

    public static final String GREETING = "greeting";
    public static final String SHARE = "share";
    public static final String QUESTION = "question";
    public static final String SHARED_EXPERIENCE = "shared-experience";
}

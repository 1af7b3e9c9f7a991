package dev.rapport.contacts.interactions;

/** The kinds of interaction a member can log. */
final class InteractionTypes {

    static final String PATTERN = "message|call|coffee|meeting|event|email|engagement|introduction-made"
            + "|help-given|help-received|congratulations|resource-shared|linkedin-message|other";
    static final String LIST = "message, call, coffee, meeting, event, email, engagement, introduction-made,"
            + " help-given, help-received, congratulations, resource-shared, linkedin-message, other";

    private InteractionTypes() {}
}

package dev.rapport.reminders.reminders.domain;

import java.util.Locale;

/** Writes an {@link Opener} as a message the member can send, in Spanish or English. */
public final class OpenerTexts {

    private OpenerTexts() {}

    /** The opener's text, addressed to the contact by first name. */
    public static String render(Locale locale, Opener o, String contactName) {
        boolean es = ReminderTexts.spanish(locale);
        String first = firstName(contactName);
        return switch (o.style()) {
            case Opener.SHARE -> {
                String link = o.contentUrl() == null ? "" : ": " + o.contentUrl();
                if (o.topic() != null) {
                    yield es
                            ? "Hola " + first + ", acabo de publicar «" + o.contentTitle() + "», sobre " + o.topic()
                                    + ", que sé que te interesa. Me encantaría saber qué opinas" + link
                            : "Hi " + first + ", I just published “" + o.contentTitle() + "”, on " + o.topic()
                                    + ", which I know you care about. I'd love your take" + link;
                }
                yield es
                        ? "Hola " + first + ", he publicado «" + o.contentTitle()
                                + "» y pensé que te podría resultar útil" + link
                        : "Hi " + first + ", I published “" + o.contentTitle()
                                + "” and thought you might find it useful" + link;
            }
            case Opener.QUESTION -> {
                if (o.reference() != null) {
                    yield es
                            ? "¡Hola " + first + "! Enhorabuena por lo de " + o.reference()
                                    + ". ¿Qué tal están yendo las primeras semanas?"
                            : "Hi " + first + ", congratulations on " + o.reference()
                                    + "! How are the first weeks going?";
                }
                yield es
                        ? "Hola " + first + ", ¿qué te ha llamado la atención últimamente en " + o.topic()
                                + "? Me gustaría saber en qué andas."
                        : "Hi " + first + ", what has caught your eye in " + o.topic()
                                + " lately? I'd like to hear what you're working on.";
            }
            case Opener.SHARED_EXPERIENCE ->
                es
                        ? "Hola " + first + ", me acordé de nuestra última conversación (" + o.reference()
                                + "). ¿Cómo acabó todo?"
                        : "Hi " + first + ", I was thinking about our last conversation (" + o.reference()
                                + "). How did it all turn out?";
            default ->
                es
                        ? "¡Hola " + first + "! Hace tiempo que no hablamos, ¿cómo estás?"
                        : "Hi " + first + ", it's been a while! How are you doing?";
        };
    }

    static String firstName(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            return "";
        }
        return displayName.strip().split("\\s+")[0];
    }
}

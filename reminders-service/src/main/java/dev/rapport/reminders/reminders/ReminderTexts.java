package dev.rapport.reminders.reminders;

import java.util.Locale;

/** What members read in reminders, in their language (Spanish and English). */
final class ReminderTexts {

    private ReminderTexts() {}

    /** The title of a follow-up on a promise: "I owe" asks to do it, "they owe" a gentle nudge. */
    static String followUp(Locale locale, String owedBy, String contactName, String what) {
        boolean spanish = "es".equals(locale.getLanguage());
        if ("me".equals(owedBy)) {
            return spanish
                    ? "Cumple lo prometido a " + contactName + ": " + what
                    : "Keep your promise to " + contactName + ": " + what;
        }
        return spanish
                ? "Recuérdale con tacto a " + contactName + " lo que quedó pendiente: " + what
                : "Gently remind " + contactName + " of what they offered: " + what;
    }
}

package dev.rapport.reminders.reminders.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** What members read in reminders, in their language (Spanish, or English for any other locale). */
public final class ReminderTexts {

    private ReminderTexts() {}

    /** The locales the texts exist in; any other falls back to English. */
    public static final List<String> LANGUAGES = List.of("en", "es");

    /** The reminder's title: what to do, about whom. */
    public static String title(Locale locale, ReminderSubject s) {
        boolean es = spanish(locale);
        String contact = s.contactName() == null ? (es ? "tu contacto" : "your contact") : s.contactName();
        return switch (s.kind()) {
            case FOLLOW_UP ->
                "them".equals(s.owedBy())
                        ? (es
                                ? "Recuérdale con tacto a " + contact + " lo que quedó pendiente: " + s.what()
                                : "Gently remind " + contact + " of what they offered: " + s.what())
                        : (es
                                ? "Cumple lo prometido a " + contact + ": " + s.what()
                                : "Keep your promise to " + contact + ": " + s.what());
            case REACH_OUT -> es ? "Retoma el contacto con " + contact : "Get back in touch with " + contact;
            case CONGRATULATE -> congratulate(es, contact, s);
            case PARTICIPATE ->
                es
                        ? "Participa esta semana en " + s.what() + ": comenta, responde o comparte algo"
                        : "Take part in " + s.what() + " this week: comment, answer or share something";
            case WRITE ->
                es
                        ? "Tu ritmo en " + s.what() + " se ha quedado atrás (" + n(s.published()) + " de "
                                + n(s.target()) + "): escribe o publica algo"
                        : "Your " + s.what() + " cadence slipped (" + n(s.published()) + " of " + n(s.target())
                                + "): write or publish something";
            case SHARE ->
                es ? "Comparte «" + s.what() + "» con " + contact : "Share “" + s.what() + "” with " + contact;
            case ANSWER_COMMENTS ->
                es
                        ? "Responde a los comentarios de tu publicación «" + s.what() + "»"
                        : "Answer the comments on your post “" + s.what() + "”";
            case PREPARE -> prepare(es, contact, s);
            case ROUTINE, MANUAL -> s.what();
        };
    }

    /**
     * Why the reminder is shown now, or null when the title says it all.
     *
     * @param lastInteractionOn the day of the last interaction with the contact, if known
     * @param topics the topics that matched the contact's interests (shares)
     */
    public static String why(
            Locale locale,
            ReminderSubject s,
            LocalDate dueOn,
            LocalDate today,
            LocalDate lastInteractionOn,
            String tier,
            Integer cadenceDays,
            List<String> topics) {
        boolean es = spanish(locale);
        return switch (s.kind()) {
            case REACH_OUT -> {
                String cadence = tier == null || cadenceDays == null || cadenceDays <= 0
                        ? ""
                        : es
                                ? " (contactos " + tier + ": cada " + cadenceDays + " días)"
                                : " (" + tier + " contacts: every " + cadenceDays + " days)";
                if (lastInteractionOn == null) {
                    yield (es ? "Aún no tienes ninguna interacción registrada" : "No interaction logged yet") + cadence;
                }
                long days = ChronoUnit.DAYS.between(lastInteractionOn, today);
                yield (es ? "Hace " + days + " días que no habláis" : "It has been " + days + " days since you spoke")
                        + cadence;
            }
            case FOLLOW_UP -> {
                if (dueOn == null) {
                    yield null;
                }
                long late = ChronoUnit.DAYS.between(dueOn, today);
                if (late > 0) {
                    yield es
                            ? "Vencido hace " + late + " días (" + dueOn + ")"
                            : "Overdue by " + late + " days (" + dueOn + ")";
                }
                yield late == 0 ? (es ? "Vence hoy" : "Due today") : (es ? "Vence el " + dueOn : "Due on " + dueOn);
            }
            case SHARE ->
                topics == null || topics.isEmpty()
                        ? null
                        : es
                                ? "Le interesa: " + String.join(", ", topics)
                                : "They are interested in " + String.join(", ", topics);
            default -> null;
        };
    }

    /** An open promise as a line of context: who owes what, by when. */
    public static String promise(Locale locale, PromiseNote p) {
        boolean es = spanish(locale);
        String who = "them".equals(p.owedBy()) ? (es ? "Te debe" : "They owe you") : (es ? "Le debes" : "You owe");
        return who + ": " + p.what() + (p.dueOn() == null ? "" : " (" + p.dueOn() + ")");
    }

    /** Whether texts for {@code locale} are written in Spanish. */
    public static boolean spanish(Locale locale) {
        return locale != null && "es".equals(locale.getLanguage());
    }

    /** A meeting to prepare: tomorrow's, or today's ({@code category} today) when announced too late for the eve. */
    private static String prepare(boolean es, String contact, ReminderSubject s) {
        boolean today = "today".equals(s.category());
        String when = es ? (today ? "Hoy" : "Mañana") : (today ? "Today" : "Tomorrow");
        if (s.what() == null || s.what().isBlank()) {
            return when + (es ? ": reunión con " : ": meeting with ") + contact;
        }
        return es ? when + ": «" + s.what() + "» con " + contact : when + ": “" + s.what() + "” with " + contact;
    }

    private static String congratulate(boolean es, String contact, ReminderSubject s) {
        if ("birthday".equals(s.category())) {
            return es ? "Felicita a " + contact + " por su cumpleaños" : "Wish " + contact + " a happy birthday";
        }
        if (s.what() == null || s.what().isBlank()) {
            return es ? "Felicita a " + contact + " por su logro" : "Congratulate " + contact + " on their news";
        }
        return es ? "Felicita a " + contact + ": " + s.what() : "Congratulate " + contact + ": " + s.what();
    }

    private static String n(Integer value) {
        return value == null ? "?" : value.toString();
    }
}

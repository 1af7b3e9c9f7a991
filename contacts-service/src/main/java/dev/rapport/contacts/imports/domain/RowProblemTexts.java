package dev.rapport.contacts.imports.domain;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;

/** What a {@link RowProblem} says to the member, in Spanish or English. */
public final class RowProblemTexts {

    private static final Map<String, String[]> TEXTS = Map.ofEntries(
            Map.entry("wrong-column-count", new String[] {
                "the row has {0} values where the header has {1} columns",
                "la fila tiene {0} valores y la cabecera {1} columnas"
            }),
            Map.entry("no-name", new String[] {"no first name, last name or e-mail", "sin nombre, apellido ni e-mail"}),
            Map.entry("broken-quotes", new String[] {
                "the quotes of this row are broken: the rest of the file could not be read",
                "las comillas de esta fila están rotas: no se pudo leer el resto del archivo"
            }),
            Map.entry("unterminated-card", new String[] {"the card has no END:VCARD", "la tarjeta no tiene END:VCARD"}),
            Map.entry(
                    "unreadable-card",
                    new String[] {"the card could not be read ({0})", "no se pudo leer la tarjeta ({0})"}),
            Map.entry(
                    "invalid-value",
                    new String[] {"{0} has a value that is not accepted", "{0} tiene un valor que no se acepta"}),
            Map.entry("invalid-connection-date", new String[] {
                "the connection date ''{0}'' is not a date: imported without it",
                "la fecha de conexión ''{0}'' no es una fecha: se importó sin ella"
            }),
            Map.entry("invalid-birthday", new String[] {
                "the birthday ''{0}'' is not a date: imported without it",
                "el cumpleaños ''{0}'' no es una fecha: se importó sin él"
            }),
            Map.entry("not-an-email", new String[] {
                "''{0}'' is not an e-mail address (an Exchange address?): left out",
                "''{0}'' no es una dirección de e-mail (¿una dirección de Exchange?): se omitió"
            }),
            Map.entry("no-sender", new String[] {
                "the message has no sender (FROM or SENDER PROFILE URL)",
                "el mensaje no tiene remitente (FROM o SENDER PROFILE URL)"
            }),
            Map.entry("invalid-message-date", new String[] {
                "the date ''{0}'' is not a date: the message was not captured",
                "la fecha ''{0}'' no es una fecha: no se capturó el mensaje"
            }),
            Map.entry("future-message-date", new String[] {
                "the date ''{0}'' is in the future: the message was not captured",
                "la fecha ''{0}'' está en el futuro: no se capturó el mensaje"
            }),
            Map.entry("ambiguous-name", new String[] {
                "several of your contacts are called ''{0}'' and LinkedIn gave no profile URL that tells which: not"
                        + " captured for them",
                "varios de tus contactos se llaman ''{0}'' y LinkedIn no dio una URL de perfil que diga cuál: no se"
                        + " capturó para ellos"
            }));

    private RowProblemTexts() {}

    /** The text of a problem in Spanish when {@code locale} is Spanish, else in English. */
    public static String text(RowProblem problem, Locale locale) {
        String[] texts = TEXTS.get(problem.code());
        if (texts == null) {
            return problem.code() + " " + problem.args();
        }
        boolean spanish = locale != null && "es".equals(locale.getLanguage());
        return new MessageFormat(spanish ? texts[1] : texts[0], locale == null ? Locale.ENGLISH : locale)
                .format(problem.args().toArray());
    }
}

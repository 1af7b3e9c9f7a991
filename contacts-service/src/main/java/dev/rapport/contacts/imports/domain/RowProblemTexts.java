package dev.rapport.contacts.imports.domain;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;

/** What a {@link RowProblem} says to the member, in Spanish or English. */
public final class RowProblemTexts {

    private static final Map<String, String[]> TEXTS = Map.of(
            "wrong-column-count",
            new String[] {
                "the row has {0} values where the header has {1} columns",
                "la fila tiene {0} valores y la cabecera {1} columnas"
            },
            "no-name",
            new String[] {"no first name, last name or e-mail", "sin nombre, apellido ni e-mail"},
            "broken-quotes",
            new String[] {
                "the quotes of this row are broken: the rest of the file could not be read",
                "las comillas de esta fila están rotas: no se pudo leer el resto del archivo"
            },
            "unterminated-card",
            new String[] {"the card has no END:VCARD", "la tarjeta no tiene END:VCARD"},
            "unreadable-card",
            new String[] {"the card could not be read ({0})", "no se pudo leer la tarjeta ({0})"},
            "invalid-value",
            new String[] {"{0} has a value that is not accepted", "{0} tiene un valor que no se acepta"},
            "invalid-connection-date",
            new String[] {
                "the connection date ''{0}'' is not a date: imported without it",
                "la fecha de conexión ''{0}'' no es una fecha: se importó sin ella"
            },
            "invalid-birthday",
            new String[] {
                "the birthday ''{0}'' is not a date: imported without it",
                "el cumpleaños ''{0}'' no es una fecha: se importó sin él"
            },
            "not-an-email",
            new String[] {
                "''{0}'' is not an e-mail address (an Exchange address?): left out",
                "''{0}'' no es una dirección de e-mail (¿una dirección de Exchange?): se omitió"
            });

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

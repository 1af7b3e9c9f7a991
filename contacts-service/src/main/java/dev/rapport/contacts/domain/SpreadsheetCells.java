package dev.rapport.contacts.domain;

/**
 * Keeps CSV cells from being read as formulas by spreadsheets (OWASP's CSV-injection rule) and undoes that on
 * import, without ever losing or changing a value.
 *
 * <p>On export a cell that begins with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a
 * single quote in front; so does a cell that already begins with a quote, so that every added quote can be told
 * apart from one that was in the value. On import of a file that Rapport exported, a quote followed by one of those
 * characters (or by another quote) is therefore always one that was added, and is removed: export then import gives
 * back the values exactly.
 */
public final class SpreadsheetCells {

    private static final String TRIGGERS = "=+-@\t\r'";

    private SpreadsheetCells() {}

    /** The value as written to a CSV cell. */
    public static String neutralise(String value) {
        if (value == null || value.isEmpty() || TRIGGERS.indexOf(value.charAt(0)) < 0) {
            return value;
        }
        return "'" + value;
    }

    /** The value of a cell {@link #neutralise(String) neutralised} by Rapport's export. */
    public static String restore(String cell) {
        if (cell != null && cell.length() >= 2 && cell.charAt(0) == '\'' && TRIGGERS.indexOf(cell.charAt(1)) >= 0) {
            return cell.substring(1);
        }
        return cell;
    }
}

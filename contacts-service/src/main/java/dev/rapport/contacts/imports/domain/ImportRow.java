package dev.rapport.contacts.imports.domain;

import dev.rapport.contacts.domain.ContactCard;
import java.util.List;

/** One row (or card) of an imported file, read: a contact to import, or a rejection, each with its line number. */
public sealed interface ImportRow {

    /** The line where the row (or card) begins, counting from 1 as an editor does. */
    long line();

    /** A row that names a contact; {@code warnings} say what of it could not be used. */
    record Parsed(long line, ContactCard card, List<RowProblem> warnings) implements ImportRow {
        public Parsed {
            warnings = List.copyOf(warnings);
        }
    }

    /** A row that cannot be imported, and why. */
    record Rejected(long line, RowProblem problem) implements ImportRow {}
}

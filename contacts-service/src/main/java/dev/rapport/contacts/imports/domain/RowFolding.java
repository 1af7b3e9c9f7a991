package dev.rapport.contacts.imports.domain;

import dev.rapport.contacts.domain.ContactCard;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Folds a row into the card it matched (a contact or an earlier row): merged, unchanged or rejected, with the
 * row's outcome noted.
 */
final class RowFolding {

    private RowFolding() {}

    /** The card after the row, its outcome put in {@code outcomes}. */
    static ContactCard fold(
            ContactCard card,
            ImportRow.Parsed row,
            String contactId,
            int newIndex,
            Function<ContactCard, Optional<RowProblem>> problemOf,
            Map<ImportRow.Parsed, ImportPlanner.Outcome> outcomes) {
        Merging.Merged merged = Merging.merge(card, row.card());
        if (!merged.changed()) {
            outcomes.put(
                    row,
                    new ImportPlanner.Outcome(
                            row.line(),
                            ImportPlanner.Action.UNCHANGED,
                            contactId,
                            newIndex,
                            card.displayName(),
                            List.of(),
                            null));
            return card;
        }
        Optional<RowProblem> problem = problemOf.apply(merged.card());
        if (problem.isPresent()) {
            outcomes.put(row, ImportPlanner.rejected(row.line(), problem.get()));
            return card;
        }
        outcomes.put(
                row,
                new ImportPlanner.Outcome(
                        row.line(),
                        ImportPlanner.Action.MERGED,
                        contactId,
                        newIndex,
                        merged.card().displayName(),
                        merged.changedFields(),
                        null));
        return merged.card();
    }
}

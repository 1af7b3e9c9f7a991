package dev.rapport.contacts.imports.domain;

import dev.rapport.contacts.domain.ContactCard;
import dev.rapport.contacts.domain.MatchKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Decides, row by row, what an import does: which rows are people the member already has (matched
 * by profile URL, then e-mail, then name and company, against the member's contacts and the rows
 * before), which are new, and what each would change. Everything happens in memory maps built
 * once per import, so the store is asked once, not once per row.
 */
public final class ImportPlanner {

    /** The identifying fields of one of the member's contacts, as loaded for matching. */
    public record Known(
            String id,
            String firstName,
            String lastName,
            String company,
            List<String> emails,
            List<String> profileUrls) {}

    /** What one row does. */
    public enum Action {
        CREATED,
        MERGED,
        UNCHANGED,
        REJECTED
    }

    /**
     * The outcome of one row.
     *
     * @param contactId the matched contact; null for a contact still to be created
     * @param newContact the index in {@link Plan#creations()} of the contact this row creates or merges into
     */
    public record Outcome(
            long line,
            Action action,
            String contactId,
            int newContact,
            String displayName,
            List<String> changedFields,
            RowProblem problem) {}

    /** A contact to create, made of one or more rows of the file. */
    public record Creation(ContactCard card) {}

    /** A change to an existing contact: its merged card and every field the file changed. */
    public record Change(String contactId, ContactCard card, List<String> changedFields) {}

    /** What the import does, in row order. */
    public record Plan(
            List<Outcome> outcomes, List<Creation> creations, List<Change> changes, List<Warning> warnings) {}

    /** Something of an imported row that could not be used. */
    public record Warning(long line, RowProblem problem) {}

    private static final class Target {
        final String contactId;
        final int newIndex;
        final List<ImportRow.Parsed> rows = new ArrayList<>();

        Target(String contactId, int newIndex) {
            this.contactId = contactId;
            this.newIndex = newIndex;
        }
    }

    private final Map<String, Target> byUrl = new HashMap<>();
    private final Map<String, Target> byEmail = new HashMap<>();
    private final Map<String, Target> byNameAndCompany = new HashMap<>();
    private final Map<String, Target> existing = new LinkedHashMap<>();
    private final List<Target> created = new ArrayList<>();
    /** Every row in file order. */
    private final List<ImportRow> rows = new ArrayList<>();

    public ImportPlanner(Iterable<Known> known) {
        for (Known contact : known) {
            Target target = new Target(contact.id(), -1);
            register(
                    target,
                    new ContactCard(
                            contact.firstName(),
                            contact.lastName(),
                            contact.emails(),
                            List.of(),
                            contact.company(),
                            null,
                            null,
                            contact.profileUrls(),
                            null,
                            List.of(),
                            null,
                            null));
        }
    }

    /** Takes the next row of the file. */
    public void add(ImportRow row) {
        switch (row) {
            case ImportRow.Rejected rejected -> rows.add(rejected);
            case ImportRow.Parsed parsed -> {
                Target target = match(parsed.card()).orElse(null);
                if (target == null) {
                    target = new Target(null, created.size());
                    created.add(target);
                } else if (target.contactId != null) {
                    existing.putIfAbsent(target.contactId, target);
                }
                target.rows.add(parsed);
                register(target, parsed.card());
                rows.add(parsed);
            }
        }
    }

    /** The ids of the member's contacts that rows matched: their full cards are needed to merge into. */
    public List<String> matchedContactIds() {
        return List.copyOf(existing.keySet());
    }

    /**
     * The plan, given the full cards of the matched contacts; {@code problemOf} says why a card
     * cannot be stored (too many e-mails, an invalid one …), in which case the row that led to it is
     * rejected and the contact stays as it was before that row.
     */
    public Plan plan(Map<String, ContactCard> matched, Function<ContactCard, Optional<RowProblem>> problemOf) {
        Map<ImportRow.Parsed, Outcome> outcomes = new HashMap<>();
        List<Creation> creations = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        int index = 0;
        for (Target target : created) {
            ContactCard card = null;
            for (ImportRow.Parsed row : target.rows) {
                if (card == null) {
                    Optional<RowProblem> problem = problemOf.apply(row.card());
                    if (problem.isPresent()) {
                        outcomes.put(row, rejected(row.line(), problem.get()));
                        continue;
                    }
                    card = row.card();
                    outcomes.put(
                            row,
                            new Outcome(row.line(), Action.CREATED, null, index, card.displayName(), List.of(), null));
                } else {
                    card = fold(card, row, null, index, problemOf, outcomes);
                }
            }
            if (card != null) {
                creations.add(new Creation(card));
                index++;
            }
        }
        for (Target target : existing.values()) {
            ContactCard before = Objects.requireNonNull(
                    matched.get(target.contactId), () -> "no card for matched contact " + target.contactId);
            ContactCard card = before;
            for (ImportRow.Parsed row : target.rows) {
                card = fold(card, row, target.contactId, -1, problemOf, outcomes);
            }
            Merging.Merged total = Merging.merge(before, card);
            if (total.changed()) {
                changes.add(new Change(target.contactId, card, total.changedFields()));
            }
        }
        List<Outcome> inOrder = new ArrayList<>();
        List<Warning> warnings = new ArrayList<>();
        for (ImportRow row : rows) {
            switch (row) {
                case ImportRow.Rejected rejected -> inOrder.add(rejected(rejected.line(), rejected.problem()));
                case ImportRow.Parsed parsed -> {
                    inOrder.add(outcomes.get(parsed));
                    parsed.warnings().forEach(w -> warnings.add(new Warning(parsed.line(), w)));
                }
            }
        }
        return new Plan(List.copyOf(inOrder), List.copyOf(creations), List.copyOf(changes), List.copyOf(warnings));
    }

    private static ContactCard fold(
            ContactCard card,
            ImportRow.Parsed row,
            String contactId,
            int newIndex,
            Function<ContactCard, Optional<RowProblem>> problemOf,
            Map<ImportRow.Parsed, Outcome> outcomes) {
        Merging.Merged merged = Merging.merge(card, row.card());
        if (!merged.changed()) {
            outcomes.put(
                    row,
                    new Outcome(
                            row.line(), Action.UNCHANGED, contactId, newIndex, card.displayName(), List.of(), null));
            return card;
        }
        Optional<RowProblem> problem = problemOf.apply(merged.card());
        if (problem.isPresent()) {
            outcomes.put(row, rejected(row.line(), problem.get()));
            return card;
        }
        outcomes.put(
                row,
                new Outcome(
                        row.line(),
                        Action.MERGED,
                        contactId,
                        newIndex,
                        merged.card().displayName(),
                        merged.changedFields(),
                        null));
        return merged.card();
    }

    private static Outcome rejected(long line, RowProblem problem) {
        return new Outcome(line, Action.REJECTED, null, -1, null, List.of(), problem);
    }

    private Optional<Target> match(ContactCard card) {
        return Stream.<Optional<Target>>of(
                        card.profileUrls().stream()
                                .map(MatchKeys::url)
                                .filter(Objects::nonNull)
                                .map(byUrl::get)
                                .filter(Objects::nonNull)
                                .findFirst(),
                        card.emails().stream()
                                .map(MatchKeys::email)
                                .filter(Objects::nonNull)
                                .map(byEmail::get)
                                .filter(Objects::nonNull)
                                .findFirst(),
                        Optional.ofNullable(MatchKeys.nameAndCompany(card.firstName(), card.lastName(), card.company()))
                                .map(byNameAndCompany::get))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private void register(Target target, ContactCard card) {
        card.profileUrls().stream()
                .map(MatchKeys::url)
                .filter(Objects::nonNull)
                .forEach(key -> byUrl.putIfAbsent(key, target));
        card.emails().stream()
                .map(MatchKeys::email)
                .filter(Objects::nonNull)
                .forEach(key -> byEmail.putIfAbsent(key, target));
        String nameAndCompany = MatchKeys.nameAndCompany(card.firstName(), card.lastName(), card.company());
        if (nameAndCompany != null) {
            byNameAndCompany.putIfAbsent(nameAndCompany, target);
        }
    }
}

package dev.rapport.contacts.imports.domain;

import dev.rapport.contacts.domain.ContactCard;
import dev.rapport.contacts.domain.MatchKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides, row by row, what an import does: which rows are people the member already has (matched
 * by profile URL, then e-mail, then name and company, against the member's contacts and the rows
 * before), which are new, and what each would change. Everything happens in memory maps built
 * once per import, so the store is asked once, not once per row.
 *
 * <p>Different profile URLs or different e-mails are different people: an e-mail match whose profile
 * URLs differ, or a name-and-company match contradicted by either, never merges. A name-and-company
 * match merges only when nothing contradicts it and it is unambiguous (one such person among the
 * member's contacts and the file); otherwise the row becomes a contact of its own and the pair is
 * offered as a {@link PossibleDuplicate}.
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
            List<Outcome> outcomes,
            List<Creation> creations,
            List<Change> changes,
            List<Warning> warnings,
            List<PossibleDuplicate> possibleDuplicates) {}

    /**
     * Two records that may be the same person but were not merged, because something makes it
     * uncertain. Each side is a contact of the member ({@code contactId}) or a contact the import
     * creates (index {@code newContact} in {@link Plan#creations()}, contactId null).
     *
     * @param line the row that was not merged
     * @param reason {@code same-name-and-company} or {@code same-email}
     */
    public record PossibleDuplicate(
            long line, String contactId, int newContact, String otherContactId, int otherNewContact, String reason) {}

    /** Something of an imported row that could not be used. */
    public record Warning(long line, RowProblem problem) {}

    private static final class Target {
        final String contactId;
        final int newIndex;
        final List<ImportRow.Parsed> rows = new ArrayList<>();
        final Set<String> urls = new HashSet<>();
        final Set<String> emails = new HashSet<>();

        Target(String contactId, int newIndex) {
            this.contactId = contactId;
            this.newIndex = newIndex;
        }

        boolean keyless() {
            return urls.isEmpty() && emails.isEmpty();
        }
    }

    /** A row's match: the target it merges into (null: a new contact), and the targets it may duplicate. */
    private record Match(Target target, List<Target> possibleDuplicates, String reason) {
        static final Match NONE = new Match(null, List.of(), null);
    }

    /** A pair of targets found possibly the same person, by the row that was not merged. */
    private record Pair(long line, Target row, Target other, String reason) {}

    private final Map<String, Target> byUrl = new HashMap<>();
    private final Map<String, Target> byEmail = new HashMap<>();
    private final Map<String, Set<Target>> byNameAndCompany = new HashMap<>();
    /** Every profile URL seen with a name and company, by site, among the member's contacts and the whole file. */
    private final Map<String, Map<String, Set<String>>> urlsByNameAndCompany = new HashMap<>();

    private final Map<String, Target> existing = new LinkedHashMap<>();
    private final List<Target> created = new ArrayList<>();
    private final List<Pair> pairs = new ArrayList<>();
    /** Every row in file order. */
    private final List<ImportRow> rows = new ArrayList<>();

    private boolean resolved;

    public ImportPlanner(Iterable<Known> known) {
        for (Known contact : known) {
            Target target = new Target(contact.id(), -1);
            ContactCard card = new ContactCard(
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
                    null);
            register(target, card);
            noteUrls(card);
        }
    }

    /** Takes the next row of the file (matched once the whole file is read, so that a later row can make a name ambiguous). */
    public void add(ImportRow row) {
        if (resolved) {
            throw new IllegalStateException("the plan is already made");
        }
        rows.add(row);
        if (row instanceof ImportRow.Parsed parsed) {
            noteUrls(parsed.card());
        }
    }

    private void resolve() {
        if (resolved) {
            return;
        }
        resolved = true;
        for (ImportRow row : rows) {
            if (row instanceof ImportRow.Parsed parsed) {
                Match match = match(parsed.card());
                Target target = match.target();
                if (target == null) {
                    target = new Target(null, created.size());
                    created.add(target);
                    for (Target other : match.possibleDuplicates()) {
                        pairs.add(new Pair(parsed.line(), target, other, match.reason()));
                    }
                } else if (target.contactId != null) {
                    existing.putIfAbsent(target.contactId, target);
                }
                target.rows.add(parsed);
                register(target, parsed.card());
            }
        }
    }

    /** The ids of the member's contacts that rows matched: their full cards are needed to merge into. */
    public List<String> matchedContactIds() {
        resolve();
        return List.copyOf(existing.keySet());
    }

    /**
     * The plan, given the full cards of the matched contacts; {@code problemOf} says why a card
     * cannot be stored (too many e-mails, an invalid one …), in which case the row that led to it is
     * rejected and the contact stays as it was before that row.
     */
    public Plan plan(Map<String, ContactCard> matched, Function<ContactCard, Optional<RowProblem>> problemOf) {
        resolve();
        Map<Target, Integer> createdIndex = new HashMap<>();
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
                    card = RowFolding.fold(card, row, null, index, problemOf, outcomes);
                }
            }
            if (card != null) {
                creations.add(new Creation(card));
                createdIndex.put(target, index);
                index++;
            }
        }
        for (Target target : existing.values()) {
            ContactCard before = Objects.requireNonNull(
                    matched.get(target.contactId), () -> "no card for matched contact " + target.contactId);
            ContactCard card = before;
            for (ImportRow.Parsed row : target.rows) {
                card = RowFolding.fold(card, row, target.contactId, -1, problemOf, outcomes);
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
        List<PossibleDuplicate> duplicates = new ArrayList<>();
        for (Pair pair : pairs) {
            Integer rowIndex = createdIndex.get(pair.row());
            Integer otherIndex = pair.other().contactId == null ? createdIndex.get(pair.other()) : null;
            if (rowIndex == null || (pair.other().contactId == null && otherIndex == null)) {
                continue; // one side was rejected: nothing to compare
            }
            duplicates.add(new PossibleDuplicate(
                    pair.line(),
                    null,
                    rowIndex,
                    pair.other().contactId,
                    otherIndex == null ? -1 : otherIndex,
                    pair.reason()));
        }
        return new Plan(
                List.copyOf(inOrder),
                List.copyOf(creations),
                List.copyOf(changes),
                List.copyOf(warnings),
                List.copyOf(duplicates));
    }

    static Outcome rejected(long line, RowProblem problem) {
        return new Outcome(line, Action.REJECTED, null, -1, null, List.of(), problem);
    }

    private Match match(ContactCard card) {
        Set<String> urls = IdentityKeys.keys(card.profileUrls(), MatchKeys::url);
        Set<String> emails = IdentityKeys.keys(card.emails(), MatchKeys::email);
        for (String url : urls) {
            Target target = byUrl.get(url);
            if (target != null) {
                return new Match(target, List.of(), null);
            }
        }
        for (String email : emails) {
            Target target = byEmail.get(email);
            if (target != null) {
                return IdentityKeys.differ(target.urls, urls)
                        // Two profiles are two people, even with one address between them.
                        ? new Match(null, List.of(target), "same-email")
                        : new Match(target, List.of(), null);
            }
        }
        String name = MatchKeys.nameAndCompany(card.firstName(), card.lastName(), card.company());
        Set<Target> namesakes = name == null ? Set.of() : byNameAndCompany.getOrDefault(name, Set.of());
        List<Target> compatible = namesakes.stream()
                .filter(t -> !IdentityKeys.differ(t.urls, urls) && !IdentityKeys.differ(t.emails, emails))
                .toList();
        if (compatible.isEmpty()) {
            return Match.NONE;
        }
        boolean ambiguous = namesakes.size() > 1
                || urlsByNameAndCompany.getOrDefault(name, Map.of()).values().stream()
                        .anyMatch(profiles -> profiles.size() > 1);
        if (!ambiguous) {
            return new Match(compatible.getFirst(), List.of(), null);
        }
        if (urls.isEmpty() && emails.isEmpty()) {
            // A row with nothing but a name is the one namesake that has nothing else either (its earlier import).
            List<Target> keyless = compatible.stream().filter(Target::keyless).toList();
            if (keyless.size() == 1) {
                return new Match(keyless.getFirst(), List.of(), null);
            }
        }
        return new Match(null, compatible, "same-name-and-company");
    }

    private void noteUrls(ContactCard card) {
        String name = MatchKeys.nameAndCompany(card.firstName(), card.lastName(), card.company());
        if (name != null) {
            Map<String, Set<String>> bySite = urlsByNameAndCompany.computeIfAbsent(name, n -> new HashMap<>());
            for (String url : IdentityKeys.keys(card.profileUrls(), MatchKeys::url)) {
                bySite.computeIfAbsent(IdentityKeys.site(url), s -> new HashSet<>())
                        .add(url);
            }
        }
    }

    private void register(Target target, ContactCard card) {
        for (String key : IdentityKeys.keys(card.profileUrls(), MatchKeys::url)) {
            byUrl.putIfAbsent(key, target);
            target.urls.add(key);
        }
        for (String key : IdentityKeys.keys(card.emails(), MatchKeys::email)) {
            byEmail.putIfAbsent(key, target);
            target.emails.add(key);
        }
        String nameAndCompany = MatchKeys.nameAndCompany(card.firstName(), card.lastName(), card.company());
        if (nameAndCompany != null) {
            byNameAndCompany
                    .computeIfAbsent(nameAndCompany, n -> new LinkedHashSet<>())
                    .add(target);
        }
    }
}

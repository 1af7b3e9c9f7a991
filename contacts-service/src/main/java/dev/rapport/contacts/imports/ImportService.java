package dev.rapport.contacts.imports;

import dev.rapport.contacts.ContactsProperties;
import dev.rapport.contacts.contacts.ContactBulkWrites;
import dev.rapport.contacts.contacts.ContactCards;
import dev.rapport.contacts.contacts.ContactQueries;
import dev.rapport.contacts.contacts.ContactRequest;
import dev.rapport.contacts.domain.ContactCard;
import dev.rapport.contacts.domain.Tier;
import dev.rapport.contacts.imports.domain.ImportFormat;
import dev.rapport.contacts.imports.domain.ImportPlanner;
import dev.rapport.contacts.imports.domain.ImportPlanner.Action;
import dev.rapport.contacts.imports.domain.ImportPlanner.Outcome;
import dev.rapport.contacts.imports.domain.ImportPlanner.Plan;
import dev.rapport.contacts.imports.domain.ImportRow;
import dev.rapport.contacts.imports.domain.Merging;
import dev.rapport.contacts.imports.domain.RowProblem;
import dev.rapport.contacts.imports.domain.RowProblemTexts;
import dev.rapport.contracts.identity.IdentityAssertion;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Service;

/**
 * Imports a contacts file into the caller's network: reads it row by row, matches every row against
 * the member's contacts (loaded once, as match keys) and the rows before it, then writes the new
 * contacts in bulk and merges new details into the existing ones, each with its event. A dry run
 * stops before writing. Bad rows are reported with their line and never stop the good ones.
 */
@Service
public class ImportService {

    /** Contacts written (and progress saved) at a time. */
    static final int BATCH = 1_000;

    private final ContactBulkWrites bulk;
    private final ContactQueries queries;
    private final PossibleDuplicates duplicates;
    private final ImportLock lock;
    private final Validator validator;
    private final ContactsProperties.Imports limits;
    private final ImportInput input;
    private final MessageImport messages;

    ImportService(
            ContactBulkWrites bulk,
            ContactQueries queries,
            PossibleDuplicates duplicates,
            ImportLock lock,
            Validator validator,
            ContactsProperties properties,
            ImportInput input,
            MessageImport messages) {
        this.bulk = bulk;
        this.queries = queries;
        this.duplicates = duplicates;
        this.lock = lock;
        this.validator = validator;
        this.limits = properties.imports();
        this.input = input;
        this.messages = messages;
    }

    /**
     * What to import and how.
     *
     * @param tier of the contacts created (contacts files)
     * @param me the member's LinkedIn profile URL or name (LinkedIn messages; null to find it in the file)
     * @param content keep each message's content as its interaction's summary (LinkedIn messages)
     */
    public record Request(
            ImportFormat format,
            Charset charset,
            boolean dryRun,
            Tier tier,
            Locale locale,
            String me,
            boolean content) {

        public Request(ImportFormat format, Charset charset, boolean dryRun, Tier tier, Locale locale) {
            this(format, charset, dryRun, tier, locale, null, false);
        }
    }

    /** Imports {@code file} (read as a stream, never whole) and answers the report. */
    public ImportReport importFile(IdentityAssertion caller, InputStream file, Request request) {
        if (request.dryRun()) {
            return run(caller.memberId(), caller.tenantId(), file, request, ImportProgress.NONE);
        }
        return lock.whileHeld(
                caller.memberId(),
                UUID.randomUUID().toString(),
                () -> run(caller.memberId(), caller.tenantId(), file, request, ImportProgress.NONE));
    }

    /**
     * Reads the whole file without importing it, so that a file that cannot be imported is refused (400,
     * 413) before a job is made for it; answers its number of rows.
     */
    int validate(InputStream file, Request request) {
        if (request.format().capturesInteractions()) {
            return messages.validate(file, request);
        }
        int[] rows = {0};
        read(file, request, row -> rows[0]++);
        return rows[0];
    }

    /**
     * Imports the file for a member, writing in batches and telling {@code progress} before and after
     * each one, so that a job interrupted between any two writes can be resumed and report exactly.
     */
    ImportReport run(String memberId, String tenantId, InputStream file, Request request, ImportProgress progress) {
        if (request.format().capturesInteractions()) {
            return messages.run(memberId, tenantId, file, request, progress);
        }
        ImportPlanner planner = new ImportPlanner(queries.identities(memberId).stream()
                .map(c -> new ImportPlanner.Known(
                        c.id(), c.firstName(), c.lastName(), c.company(), c.emails(), c.profileUrls()))
                .toList());
        int rows = read(file, request, planner::add);
        Map<String, ContactRequest> matched = queries.details(memberId, planner.matchedContactIds());
        Map<String, ContactCard> matchedCards = new LinkedHashMap<>();
        matched.forEach((id, details) -> matchedCards.put(id, ContactCards.of(details)));
        Tier tier = Optional.ofNullable(request.tier()).orElse(Tier.ACQUAINTANCE);
        String source = request.format().id();
        Plan plan = planner.plan(matchedCards, card -> problemOf(ContactCards.newContact(card, source, tier)));
        List<String> createdIds =
                request.dryRun() ? List.of() : write(memberId, tenantId, plan, source, tier, progress);
        return report(request, rows, plan, createdIds, progress.earlier());
    }

    /** Reads every row of the file into {@code rows}; a whole-file problem is a 400 or 413. */
    private int read(InputStream file, Request request, java.util.function.Consumer<ImportRow> rows) {
        return input.read(
                file,
                request.charset(),
                (reader, counter) -> request.format().reader().read(reader, row -> {
                    counter.row();
                    rows.accept(row);
                }));
    }

    /** Writes the plan a batch at a time (new contacts, then changes), each with its events; answers the new ids. */
    private List<String> write(
            String memberId, String tenantId, Plan plan, String source, Tier tier, ImportProgress progress) {
        Map<Integer, List<Outcome>> rowsOfNew = new HashMap<>();
        Map<String, List<Outcome>> rowsOfChanged = new HashMap<>();
        int noWrite = 0;
        for (Outcome outcome : plan.outcomes()) {
            if (outcome.action() == Action.REJECTED
                    || (outcome.contactId() != null && outcome.action() == Action.UNCHANGED)) {
                noWrite++;
            } else if (outcome.contactId() == null) {
                rowsOfNew
                        .computeIfAbsent(outcome.newContact(), i -> new ArrayList<>())
                        .add(outcome);
            } else {
                rowsOfChanged
                        .computeIfAbsent(outcome.contactId(), i -> new ArrayList<>())
                        .add(outcome);
            }
        }
        int done = noWrite;
        int batch = progress.batch();
        progress.planned(plan.outcomes().size(), done);
        List<String> createdIds = new ArrayList<>();
        List<ImportPlanner.PossibleDuplicate> pendingPairs = new ArrayList<>(plan.possibleDuplicates());
        List<ImportPlanner.Creation> creations = plan.creations();
        for (int from = 0; from < creations.size(); from += batch) {
            int to = (int) Math.min(creations.size(), (long) from + batch);
            List<Outcome> batchRows = new ArrayList<>();
            for (int i = from; i < to; i++) {
                batchRows.addAll(rowsOfNew.getOrDefault(i, List.of()));
            }
            progress.beforeBatch(written(batchRows));
            List<ContactRequest> additions = creations.subList(from, to).stream()
                    .map(creation -> ContactCards.newContact(creation.card(), source, tier))
                    .toList();
            createdIds.addAll(
                    bulk.addAndChange(memberId, tenantId, additions, Map.of()).createdIds());
            pendingPairs = recordPairs(memberId, tenantId, pendingPairs, createdIds);
            done += batchRows.size();
            progress.afterBatch(done);
        }
        List<ImportPlanner.Change> changes = plan.changes();
        for (int from = 0; from < changes.size(); from += batch) {
            List<Outcome> batchRows = new ArrayList<>();
            Map<String, UnaryOperator<ContactRequest>> merges = new LinkedHashMap<>();
            for (ImportPlanner.Change change :
                    changes.subList(from, (int) Math.min(changes.size(), (long) from + batch))) {
                batchRows.addAll(rowsOfChanged.getOrDefault(change.contactId(), List.of()));
                // Merged again onto the contact as it is when written, so an edit made meanwhile is kept.
                merges.put(
                        change.contactId(),
                        current -> ContactCards.withCard(
                                current,
                                Merging.merge(ContactCards.of(current), change.card())
                                        .card()));
            }
            progress.beforeBatch(written(batchRows));
            bulk.addAndChange(memberId, tenantId, List.of(), merges);
            done += batchRows.size();
            progress.afterBatch(done);
        }
        return createdIds;
    }

    /** Records the possible duplicates whose contacts now all exist; answers those still waiting for theirs. */
    private List<ImportPlanner.PossibleDuplicate> recordPairs(
            String memberId, String tenantId, List<ImportPlanner.PossibleDuplicate> pairs, List<String> createdIds) {
        List<PossibleDuplicates.Found> ready = new ArrayList<>();
        List<ImportPlanner.PossibleDuplicate> waiting = new ArrayList<>();
        for (ImportPlanner.PossibleDuplicate pair : pairs) {
            String one = pair.contactId() != null
                    ? pair.contactId()
                    : pair.newContact() < createdIds.size() ? createdIds.get(pair.newContact()) : null;
            String other = pair.otherContactId() != null
                    ? pair.otherContactId()
                    : pair.otherNewContact() < createdIds.size() ? createdIds.get(pair.otherNewContact()) : null;
            if (one != null && other != null) {
                ready.add(new PossibleDuplicates.Found(one, other, pair.reason(), pair.line()));
            } else {
                waiting.add(pair);
            }
        }
        duplicates.record(memberId, tenantId, ready);
        return waiting;
    }

    private static List<ImportProgress.Written> written(List<Outcome> rows) {
        return rows.stream()
                .map(o -> new ImportProgress.Written(o.line(), o.action(), o.changedFields()))
                .toList();
    }

    private ImportReport report(
            Request request, int rows, Plan plan, List<String> createdIds, Map<Long, ImportProgress.Written> earlier) {
        Locale locale = request.locale();
        int[] counts = new int[Action.values().length];
        List<ImportReport.RejectedRow> rejected = new ArrayList<>();
        List<ImportReport.Change> changes = new ArrayList<>();
        boolean truncated = false;
        for (Outcome planned : plan.outcomes()) {
            Outcome outcome = planned;
            ImportProgress.Written before = earlier.get(planned.line());
            if (before != null && planned.action() == Action.UNCHANGED && planned.contactId() != null) {
                // Written by an earlier attempt of this job: what that attempt did is what this row did.
                outcome = new Outcome(
                        planned.line(),
                        before.action(),
                        planned.contactId(),
                        -1,
                        planned.displayName(),
                        before.fields(),
                        null);
            }
            counts[outcome.action().ordinal()]++;
            switch (outcome.action()) {
                case REJECTED ->
                    rejected.add(new ImportReport.RejectedRow(
                            outcome.line(), outcome.problem().code(), RowProblemTexts.text(outcome.problem(), locale)));
                case CREATED, MERGED -> {
                    if (changes.size() < limits.reportedChanges()) {
                        String id = outcome.contactId() != null
                                ? outcome.contactId()
                                : createdIds.isEmpty() ? null : createdIds.get(outcome.newContact());
                        changes.add(new ImportReport.Change(
                                outcome.line(),
                                outcome.action().name().toLowerCase(Locale.ROOT),
                                id,
                                outcome.displayName(),
                                outcome.changedFields()));
                    } else {
                        truncated = true;
                    }
                }
                case UNCHANGED -> {}
            }
        }
        List<ImportReport.Warning> warnings = plan.warnings().stream()
                .map(w -> new ImportReport.Warning(
                        w.line(), w.problem().code(), RowProblemTexts.text(w.problem(), locale)))
                .toList();
        return new ImportReport(
                request.format().id(),
                request.dryRun(),
                rows,
                counts[Action.CREATED.ordinal()],
                counts[Action.MERGED.ordinal()],
                counts[Action.UNCHANGED.ordinal()],
                counts[Action.REJECTED.ordinal()],
                plan.possibleDuplicates().size(),
                0,
                rejected,
                warnings,
                changes,
                truncated);
    }

    /** Why a contact made of imported details could not be stored, as the contacts API would refuse it. */
    private Optional<RowProblem> problemOf(ContactRequest request) {
        return validator.validate(request).stream()
                .map(ConstraintViolation::getPropertyPath)
                .map(Object::toString)
                .map(path -> path.replace(".<list element>", ""))
                .min(Comparator.naturalOrder())
                .map(field -> RowProblem.of("invalid-value", field));
    }
}

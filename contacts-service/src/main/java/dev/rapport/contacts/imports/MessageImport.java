package dev.rapport.contacts.imports;

import dev.rapport.contacts.ContactsProperties;
import dev.rapport.contacts.contacts.ContactQueries;
import dev.rapport.contacts.imports.domain.ImportPlanner.Action;
import dev.rapport.contacts.imports.domain.LinkedInMessagesReader;
import dev.rapport.contacts.imports.domain.LinkedInMessagesReader.MessageRow;
import dev.rapport.contacts.imports.domain.MessageCapture;
import dev.rapport.contacts.imports.domain.RowProblemTexts;
import dev.rapport.contacts.interactions.CapturedInteractions;
import dev.rapport.contacts.interactions.CapturedInteractions.Captured;
import dev.rapport.support.web.ApiException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The import of LinkedIn's {@code messages.csv}: every message with one of the member's contacts becomes a
 * {@code linkedin-message} interaction with that contact (direction from the sender), logged once whatever how
 * often the file is imported. It reads, limits, reports, dry-runs and runs as a job exactly as the contacts
 * imports do ({@link ImportService}, {@link ImportJobs}); only what a row becomes differs.
 */
@Component
class MessageImport {

    /** The source of the interactions, part of their derived ids. */
    static final String SOURCE = "linkedin-messages";

    static final String KIND = "linkedin-message";

    private final ContactQueries contacts;
    private final CapturedInteractions captured;
    private final ImportInput input;
    private final Clock clock;
    private final ContactsProperties.Imports limits;

    MessageImport(
            ContactQueries contacts,
            CapturedInteractions captured,
            ImportInput input,
            Clock clock,
            ContactsProperties properties) {
        this.contacts = contacts;
        this.captured = captured;
        this.input = input;
        this.clock = clock;
        this.limits = properties.imports();
    }

    /** Reads the whole file and checks that the member can be told in it (400 otherwise); answers its rows. */
    int validate(InputStream file, ImportService.Request request) {
        List<MessageRow> rows = read(file, request);
        plan(new MessageCapture(List.of()), rows, request);
        return rows.size();
    }

    ImportReport run(
            String memberId,
            String tenantId,
            InputStream file,
            ImportService.Request request,
            ImportProgress progress) {
        List<MessageRow> rows = read(file, request);
        MessageCapture capture = new MessageCapture(contacts.identities(memberId).stream()
                .map(c -> {
                    String fullName = Stream.of(c.firstName(), c.lastName())
                            .filter(Objects::nonNull)
                            .collect(Collectors.joining(" "));
                    String displayName = fullName.isBlank() && !c.emails().isEmpty()
                            ? c.emails().getFirst()
                            : fullName;
                    return new MessageCapture.Known(c.id(), displayName, fullName, c.profileUrls());
                })
                .toList());
        List<MessageCapture.Planned> plan = plan(capture, rows, request);
        List<Row> outcomes = outcomes(memberId, plan, progress.earlier());
        if (!request.dryRun()) {
            write(memberId, tenantId, outcomes, progress);
        }
        return report(request, rows.size(), outcomes);
    }

    /** A row planned and checked against what is stored: what it does, and the interactions it logs. */
    private record Row(long line, Action action, MessageCapture.Planned planned, List<Captured> fresh) {}

    private List<MessageRow> read(InputStream file, ImportService.Request request) {
        List<MessageRow> rows = new ArrayList<>();
        input.read(
                file,
                request.charset(),
                (reader, counter) -> LinkedInMessagesReader.read(reader, row -> {
                    counter.row();
                    rows.add(row);
                }));
        return rows;
    }

    private List<MessageCapture.Planned> plan(
            MessageCapture capture, List<MessageRow> rows, ImportService.Request request) {
        try {
            return capture.plan(rows, request.me(), request.content(), clock.instant());
        } catch (MessageCapture.UnknownMemberException e) {
            throw ApiException.invalidField("me", e.getMessage());
        }
    }

    private List<Row> outcomes(
            String memberId, List<MessageCapture.Planned> plan, Map<Long, ImportProgress.Written> earlier) {
        List<List<Captured>> capturesOfRows = plan.stream()
                .map(p -> p.captures().stream()
                        .map(c -> new Captured(
                                CapturedInteractions.id(memberId, SOURCE, c.occurrence(), c.contactId()),
                                c.contactId(),
                                c.displayName(),
                                KIND,
                                c.direction(),
                                c.at(),
                                c.summary()))
                        .toList())
                .toList();
        Set<String> stored = captured.existing(
                capturesOfRows.stream().flatMap(List::stream).map(Captured::id).toList());
        Set<String> seen = new HashSet<>(stored);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            MessageCapture.Planned planned = plan.get(i);
            List<Captured> fresh =
                    capturesOfRows.get(i).stream().filter(c -> seen.add(c.id())).toList();
            Action action;
            if (planned.problem() != null) {
                action = Action.REJECTED;
            } else if (planned.captures().isEmpty()) {
                action = null;
            } else if (!fresh.isEmpty()) {
                action = Action.CREATED;
            } else {
                ImportProgress.Written before = earlier.get(planned.line());
                // Logged by an earlier attempt of this job: what that attempt did is what this row did.
                action = before != null ? before.action() : Action.UNCHANGED;
            }
            rows.add(new Row(planned.line(), action, planned, fresh));
        }
        return rows;
    }

    /** Logs the new interactions a batch of rows at a time, telling {@code progress} before and after each. */
    private void write(String memberId, String tenantId, List<Row> rows, ImportProgress progress) {
        List<Row> toWrite = rows.stream().filter(r -> !r.fresh().isEmpty()).toList();
        int done = rows.size() - toWrite.size();
        progress.planned(rows.size(), done);
        int batch = progress.batch();
        for (int from = 0; from < toWrite.size(); from += batch) {
            List<Row> rowsOfBatch = toWrite.subList(from, (int) Math.min(toWrite.size(), (long) from + batch));
            progress.beforeBatch(rowsOfBatch.stream()
                    .map(r -> new ImportProgress.Written(r.line(), Action.CREATED, List.of()))
                    .toList());
            captured.logAll(
                    memberId,
                    tenantId,
                    rowsOfBatch.stream().flatMap(r -> r.fresh().stream()).toList());
            done += rowsOfBatch.size();
            progress.afterBatch(done);
        }
    }

    private ImportReport report(ImportService.Request request, int rowCount, List<Row> rows) {
        Locale locale = request.locale();
        int created = 0;
        int unchanged = 0;
        int rejected = 0;
        int skipped = 0;
        List<ImportReport.RejectedRow> rejectedRows = new ArrayList<>();
        List<ImportReport.Warning> warnings = new ArrayList<>();
        List<ImportReport.Change> changes = new ArrayList<>();
        boolean truncated = false;
        for (Row row : rows) {
            row.planned()
                    .warnings()
                    .forEach(w -> warnings.add(
                            new ImportReport.Warning(row.line(), w.code(), RowProblemTexts.text(w, locale))));
            if (row.action() == null) {
                skipped++;
                continue;
            }
            switch (row.action()) {
                case REJECTED -> {
                    rejected++;
                    rejectedRows.add(new ImportReport.RejectedRow(
                            row.line(),
                            row.planned().problem().code(),
                            RowProblemTexts.text(row.planned().problem(), locale)));
                }
                case CREATED, MERGED -> {
                    created++;
                    for (Captured c : row.fresh()) {
                        if (changes.size() < limits.reportedChanges()) {
                            changes.add(new ImportReport.Change(
                                    row.line(), "logged", c.contactId(), c.displayName(), List.of(c.direction())));
                        } else {
                            truncated = true;
                        }
                    }
                }
                case UNCHANGED -> unchanged++;
            }
        }
        return new ImportReport(
                request.format().id(),
                request.dryRun(),
                rowCount,
                created,
                0,
                unchanged,
                rejected,
                0,
                skipped,
                rejectedRows,
                warnings,
                changes,
                truncated);
    }
}

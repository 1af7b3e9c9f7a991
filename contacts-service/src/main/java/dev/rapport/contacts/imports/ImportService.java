package dev.rapport.contacts.imports;

import dev.rapport.contacts.ContactsProperties;
import dev.rapport.contacts.contacts.ContactCards;
import dev.rapport.contacts.contacts.ContactRequest;
import dev.rapport.contacts.contacts.ContactService;
import dev.rapport.contacts.domain.ContactCard;
import dev.rapport.contacts.domain.Tier;
import dev.rapport.contacts.imports.domain.ImportFormat;
import dev.rapport.contacts.imports.domain.ImportPlanner;
import dev.rapport.contacts.imports.domain.ImportPlanner.Action;
import dev.rapport.contacts.imports.domain.ImportPlanner.Outcome;
import dev.rapport.contacts.imports.domain.ImportPlanner.Plan;
import dev.rapport.contacts.imports.domain.Merging;
import dev.rapport.contacts.imports.domain.RowProblem;
import dev.rapport.contacts.imports.domain.RowProblemTexts;
import dev.rapport.contacts.imports.domain.UnreadableFileException;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.ApiException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Imports a contacts file into the caller's network: reads it row by row, matches every row against
 * the member's contacts (loaded once, as match keys) and the rows before it, then writes the new
 * contacts in bulk and merges new details into the existing ones, each with its event. A dry run
 * stops before writing. Bad rows are reported with their line and never stop the good ones.
 */
@Service
public class ImportService {

    private final ContactService contacts;
    private final ImportLock lock;
    private final Validator validator;
    private final ContactsProperties.Imports limits;

    ImportService(ContactService contacts, ImportLock lock, Validator validator, ContactsProperties properties) {
        this.contacts = contacts;
        this.lock = lock;
        this.validator = validator;
        this.limits = properties.imports();
    }

    /** What to import and how. */
    public record Request(ImportFormat format, Charset charset, boolean dryRun, Tier tier, Locale locale) {}

    /** Imports {@code file} (read as a stream, never whole) and answers the report. */
    public ImportReport importFile(IdentityAssertion caller, InputStream file, Request request) {
        if (request.dryRun()) {
            return run(caller, file, request);
        }
        return lock.whileHeld(caller.memberId(), () -> run(caller, file, request));
    }

    private ImportReport run(IdentityAssertion caller, InputStream file, Request request) {
        ImportPlanner planner = new ImportPlanner(contacts.identities(caller.memberId()).stream()
                .map(c -> new ImportPlanner.Known(
                        c.id(), c.firstName(), c.lastName(), c.company(), c.emails(), c.profileUrls()))
                .toList());
        int[] rows = {0};
        try (Reader reader = reader(file, request.charset())) {
            request.format().reader().read(reader, row -> {
                if (++rows[0] > limits.maxRows()) {
                    throw tooManyRows();
                }
                planner.add(row);
            });
        } catch (UnreadableFileException e) {
            throw ApiException.invalidField("file", e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            throw unreadable(request.charset(), e);
        }
        Map<String, ContactRequest> matched = contacts.details(caller.memberId(), planner.matchedContactIds());
        Map<String, ContactCard> matchedCards = new LinkedHashMap<>();
        matched.forEach((id, details) -> matchedCards.put(id, ContactCards.of(details)));
        Tier tier = Optional.ofNullable(request.tier()).orElse(Tier.ACQUAINTANCE);
        String source = request.format().id();
        Plan plan = planner.plan(matchedCards, card -> problemOf(ContactCards.newContact(card, source, tier)));
        List<String> createdIds = List.of();
        if (!request.dryRun()) {
            List<ContactRequest> additions = plan.creations().stream()
                    .map(creation -> ContactCards.newContact(creation.card(), source, tier))
                    .toList();
            Map<String, UnaryOperator<ContactRequest>> changes = new LinkedHashMap<>();
            for (ImportPlanner.Change change : plan.changes()) {
                // Merged again onto the contact as it is when written, so an edit made meanwhile is kept.
                changes.put(
                        change.contactId(),
                        current -> ContactCards.withCard(
                                current,
                                Merging.merge(ContactCards.of(current), change.card())
                                        .card()));
            }
            createdIds = contacts.addAndChange(caller.memberId(), caller.tenantId(), additions, changes)
                    .createdIds();
        }
        return report(request, rows[0], plan, createdIds);
    }

    private ImportReport report(Request request, int rows, Plan plan, List<String> createdIds) {
        Locale locale = request.locale();
        int[] counts = new int[Action.values().length];
        List<ImportReport.RejectedRow> rejected = new ArrayList<>();
        List<ImportReport.Change> changes = new ArrayList<>();
        boolean truncated = false;
        for (Outcome outcome : plan.outcomes()) {
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

    /** The file decoded strictly: bytes that are not of the charset are an error, never silently replaced. */
    private Reader reader(InputStream file, Charset charset) {
        InputStream limited = new LimitedInputStream(file, limits.maxFileSize().toBytes());
        return new BufferedReader(
                new InputStreamReader(
                        limited,
                        charset.newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)),
                64 * 1024);
    }

    /** The file could not be read to its end: too large, or not in the charset it was said to be in. */
    private ApiException unreadable(Charset charset, Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof LimitedInputStream.TooLargeException) {
                return new ApiException(
                        HttpStatus.PAYLOAD_TOO_LARGE,
                        "File too large",
                        "the file is larger than " + limits.maxFileSize().toMegabytes() + " MB: split it",
                        Map.of("maxFileSize", limits.maxFileSize().toBytes()));
            }
            if (cause instanceof CharacterCodingException) {
                return ApiException.invalidField(
                        "charset",
                        "the file is not valid " + charset.name()
                                + (charset.equals(StandardCharsets.UTF_8)
                                        ? ": files from desktop Outlook are windows-1252, send charset=windows-1252"
                                        : ""));
            }
        }
        throw new UncheckedIOException(new IOException("the upload could not be read", e));
    }

    private ApiException tooManyRows() {
        return new ApiException(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "Too many rows",
                "the file has more than " + limits.maxRows() + " rows: split it into several imports",
                Map.of("maxRows", limits.maxRows()));
    }
}

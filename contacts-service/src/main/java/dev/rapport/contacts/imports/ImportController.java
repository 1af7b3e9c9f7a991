package dev.rapport.contacts.imports;

import dev.rapport.contacts.domain.Tier;
import dev.rapport.contacts.imports.domain.ImportFormat;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Imports of contacts files (LinkedIn, Google Contacts, Outlook, vCard) and of LinkedIn's messages.csv. */
@RestController
@RequestMapping("/api/v1/imports")
@Tag(
        name = "Imports",
        description = "Contacts from LinkedIn Connections.csv, Google Contacts CSV, Outlook CSV and vCard 2.1/3.0/4.0,"
                + " without duplicates")
class ImportController {

    private static final String DESCRIPTION =
            "format is linkedin, google, outlook or vcard. Every row is matched against"
                    + " your contacts and the rows before it (profile URL, then e-mail, then name and company): a known person"
                    + " gets the details they lack merged in, never overwritten; re-importing the same file changes nothing."
                    + " New contacts get the tier given (acquaintance by default) and source = format. The report counts rows"
                    + " created, merged, unchanged and rejected, and lists every rejected row and warning with its line number"
                    + " (texts in Spanish with Accept-Language: es). dryRun=true answers the same report and changes nothing."
                    + " Publishes ContactAdded / ContactUpdated per contact. 413 above the size or row limit, 400 when the file"
                    + " is not of the format or not in the charset (UTF-8 unless charset= or the Content-Type says), 409 while"
                    + " another import of yours runs."
                    + " A file larger than rapport.contacts.imports.jobs.async-above (1 MB, about 7,000 LinkedIn rows)"
                    + " is stored, checked (the same 400 / 413 at once) and imported as a job: 202 Accepted with the"
                    + " job's Location (GET it: state, rowsDone / rowsTotal, then the report). Uploading the same"
                    + " file again with the same options answers the same job (202, same Location) instead of"
                    + " importing twice, for rapport.contacts.imports.jobs.retry-window (24 h) after it ended."
                    + " Smaller files and dry runs answer 200 with the report."
                    + " format=linkedin-messages takes messages.csv of LinkedIn's data export: every message with one"
                    + " of your contacts (matched by profile URL, else by a name only one of your contacts has)"
                    + " becomes a linkedin-message interaction with that contact (outbound when you sent it, inbound"
                    + " when they did), once however often the file is imported; rows are counted created (logged),"
                    + " unchanged (logged before), skipped (no contact, or a draft) or rejected. You are the"
                    + " participant of the most conversations unless me= says who you are. The message's content is"
                    + " kept as the summary only with content=true.";

    private static final String ME = "linkedin-messages: your LinkedIn profile URL (or your name as LinkedIn writes"
            + " it), when you are not the participant of the most conversations of the file";
    private static final String CONTENT =
            "linkedin-messages: keep each message's content as its interaction's summary (default: not kept)";

    private final ImportJobs jobs;
    private final ImportJobRunner runner;

    ImportController(ImportJobs jobs, ImportJobRunner runner) {
        this.jobs = jobs;
        this.runner = runner;
    }

    @GetMapping("/jobs/{id}")
    @Operation(
            summary = "Follow an import job",
            description = "state queued, running, done or failed; rowsDone of rowsTotal; the import report once"
                    + " done, the problem once failed. attempts > 1 when an instance stopped and another resumed the"
                    + " job (rows already imported are not imported twice). Another member's job answers 404.")
    ImportJob job(IdentityAssertion caller, @PathVariable String id) {
        return jobs.get(caller, id);
    }

    private ResponseEntity<?> answer(ImportJobs.Submitted submitted) {
        return switch (submitted) {
            case ImportJobs.Submitted.Imported imported -> ResponseEntity.ok(imported.report());
            case ImportJobs.Submitted.Job job -> {
                if (job.isNew()) {
                    runner.start(job.job().id());
                }
                yield ResponseEntity.accepted()
                        .location(URI.create("/api/v1/imports/jobs/" + job.job().id()))
                        .header(HttpHeaders.RETRY_AFTER, "1")
                        .body(job.job());
            }
        };
    }

    @PostMapping(
            value = "/{format}",
            consumes = {
                "text/csv",
                "text/vcard",
                "text/x-vcard",
                "text/directory",
                "text/plain",
                "application/vnd.ms-excel",
                MediaType.APPLICATION_OCTET_STREAM_VALUE
            })
    @Operation(
            summary = "Import a contacts file sent as the request body",
            description = DESCRIPTION,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = {
                                @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")),
                                @Content(mediaType = "text/vcard", schema = @Schema(type = "string", format = "binary"))
                            }))
    @ApiResponse(
            responseCode = "200",
            description = "The import report (a file up to async-above, or a dry run)",
            content = @Content(schema = @Schema(implementation = ImportReport.class)))
    @ApiResponse(
            responseCode = "202",
            description = "A larger file is imported as a job: Location is the job to follow",
            headers =
                    @Header(
                            name = "Location",
                            description = "/api/v1/imports/jobs/{id}",
                            schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = ImportJob.class)))
    ResponseEntity<?> importBody(
            IdentityAssertion caller,
            @PathVariable String format,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @Parameter(description = "Tier of the contacts created (default acquaintance)")
                    @RequestParam(required = false)
                    String tier,
            @Parameter(description = "The file's charset when not UTF-8, e.g. windows-1252")
                    @RequestParam(required = false)
                    String charset,
            @Parameter(description = ME) @RequestParam(required = false) String me,
            @Parameter(description = CONTENT) @RequestParam(defaultValue = "false") boolean content,
            HttpServletRequest http,
            Locale locale) {
        try {
            return answer(jobs.submit(
                    caller,
                    http.getInputStream(),
                    request(
                            format,
                            dryRun,
                            tier,
                            charset != null ? charset : declaredCharset(http),
                            me,
                            content,
                            locale)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PostMapping(value = "/{format}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import a contacts file uploaded as a form (part \"file\")", description = DESCRIPTION)
    @ApiResponse(
            responseCode = "200",
            description = "The import report (a file up to async-above, or a dry run)",
            content = @Content(schema = @Schema(implementation = ImportReport.class)))
    @ApiResponse(
            responseCode = "202",
            description = "A larger file is imported as a job: Location is the job to follow",
            headers =
                    @Header(
                            name = "Location",
                            description = "/api/v1/imports/jobs/{id}",
                            schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = ImportJob.class)))
    ResponseEntity<?> importUpload(
            IdentityAssertion caller,
            @PathVariable String format,
            @RequestPart("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestParam(required = false) String tier,
            @RequestParam(required = false) String charset,
            @Parameter(description = ME) @RequestParam(required = false) String me,
            @Parameter(description = CONTENT) @RequestParam(defaultValue = "false") boolean content,
            Locale locale) {
        try (InputStream in = file.getInputStream()) {
            return answer(jobs.submit(caller, in, request(format, dryRun, tier, charset, me, content, locale)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The charset the Content-Type names (the servlet's own encoding is forced to UTF-8 by Boot). */
    private static String declaredCharset(HttpServletRequest http) {
        try {
            Charset declared = http.getContentType() == null
                    ? null
                    : MediaType.parseMediaType(http.getContentType()).getCharset();
            return declared == null ? null : declared.name();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("charset", "the Content-Type names a charset this service does not know");
        }
    }

    private static ImportService.Request request(
            String format, boolean dryRun, String tier, String charset, String me, boolean content, Locale locale) {
        ImportFormat importFormat;
        try {
            importFormat = ImportFormat.of(format);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("format", e.getMessage());
        }
        Tier importTier;
        try {
            importTier = tier == null ? null : Tier.of(tier);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("tier", e.getMessage());
        }
        Charset fileCharset;
        try {
            fileCharset = charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw ApiException.invalidField("charset", "is not a charset this service knows");
        }
        if (!importFormat.capturesInteractions() && (me != null || content)) {
            throw ApiException.invalidField(me != null ? "me" : "content", "is only for format=linkedin-messages");
        }
        if (me != null && (me.isBlank() || me.length() > 500)) {
            throw ApiException.invalidField(
                    "me", "must be your LinkedIn profile URL or your name as LinkedIn writes it");
        }
        return new ImportService.Request(
                importFormat, fileCharset, dryRun, importTier, locale, me == null ? null : me.strip(), content);
    }
}

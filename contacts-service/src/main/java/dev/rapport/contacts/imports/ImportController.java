package dev.rapport.contacts.imports;

import dev.rapport.contacts.domain.Tier;
import dev.rapport.contacts.imports.domain.ImportFormat;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Imports of contacts files: LinkedIn, Google Contacts, Outlook and vCard. */
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
                    + " another import of yours runs.";

    private final ImportService imports;

    ImportController(ImportService imports) {
        this.imports = imports;
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
    ImportReport importBody(
            IdentityAssertion caller,
            @PathVariable String format,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @Parameter(description = "Tier of the contacts created (default acquaintance)")
                    @RequestParam(required = false)
                    String tier,
            @Parameter(description = "The file's charset when not UTF-8, e.g. windows-1252")
                    @RequestParam(required = false)
                    String charset,
            HttpServletRequest http,
            Locale locale) {
        try {
            return imports.importFile(
                    caller,
                    http.getInputStream(),
                    request(format, dryRun, tier, charset != null ? charset : declaredCharset(http), locale));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PostMapping(value = "/{format}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import a contacts file uploaded as a form (part \"file\")", description = DESCRIPTION)
    ImportReport importUpload(
            IdentityAssertion caller,
            @PathVariable String format,
            @RequestPart("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestParam(required = false) String tier,
            @RequestParam(required = false) String charset,
            Locale locale) {
        try (InputStream in = file.getInputStream()) {
            return imports.importFile(caller, in, request(format, dryRun, tier, charset, locale));
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
            String format, boolean dryRun, String tier, String charset, Locale locale) {
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
        return new ImportService.Request(importFormat, fileCharset, dryRun, importTier, locale);
    }
}

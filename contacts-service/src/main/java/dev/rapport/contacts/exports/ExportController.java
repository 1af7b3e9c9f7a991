package dev.rapport.contacts.exports;

import dev.rapport.contacts.contacts.ContactCards;
import dev.rapport.contacts.contacts.ContactDocument;
import dev.rapport.contacts.contacts.ContactQueries;
import dev.rapport.contacts.contacts.ContactService;
import dev.rapport.contacts.exports.domain.ContactsCsv;
import dev.rapport.contacts.exports.domain.VCards;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.ApiException;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The member's contacts as vCard or CSV files, streamed. */
@RestController
@RequestMapping("/api/v1/contacts")
@Tag(
        name = "Exports",
        description = "Contacts as vCard (3.0 by default, 4.0 on request) or CSV, and the member's own card")
class ExportController {

    private final ContactService contacts;
    private final ContactQueries queries;

    ExportController(ContactService contacts, ContactQueries queries) {
        this.contacts = contacts;
        this.queries = queries;
    }

    @GetMapping("/export.vcf")
    @Operation(
            summary = "Every contact as one vCard file",
            description = "vCard 3.0 by default (what iOS, macOS and Android import), 4.0 with version=4.0. Archived"
                    + " contacts only with archived=true. Each card has a stable UID, so that importing the file"
                    + " again elsewhere updates rather than duplicates.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content = @Content(mediaType = "text/vcard", schema = @Schema(type = "string"))))
    ResponseEntity<StreamingResponseBody> allAsVCard(
            IdentityAssertion caller,
            @Parameter(description = "3.0 (default) or 4.0") @RequestParam(required = false) String version,
            @RequestParam(defaultValue = "false") boolean archived) {
        VCardVersion vcardVersion = version(version);
        String member = caller.memberId();
        StreamingResponseBody body = out -> {
            Writer writer = writer(out);
            try (Stream<ContactDocument> all = queries.stream(member, archived)) {
                VCards.write(writer, vcardVersion, all.iterator(), contact -> vcard(contact, vcardVersion));
            }
        };
        return file("contacts.vcf", VCards.mediaType(), body);
    }

    @GetMapping("/{id}.vcf")
    @Operation(
            summary = "One contact as a vCard",
            description = "vCard 3.0 by default, 4.0 with version=4.0; another member's id answers 404.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content = @Content(mediaType = "text/vcard", schema = @Schema(type = "string"))))
    ResponseEntity<StreamingResponseBody> oneAsVCard(
            IdentityAssertion caller, @PathVariable String id, @RequestParam(required = false) String version) {
        VCardVersion vcardVersion = version(version);
        ContactDocument contact = contacts.get(caller, id);
        StreamingResponseBody body = out -> {
            Writer writer = writer(out);
            VCards.write(writer, vcardVersion, List.of(contact).iterator(), c -> vcard(c, vcardVersion));
        };
        return file(fileName(contact.displayName()) + ".vcf", VCards.mediaType(), body);
    }

    @GetMapping("/export.csv")
    @Operation(
            summary = "Every contact as CSV",
            description = "Google Contacts' CSV layout (Google Contacts and the google import read it back), UTF-8"
                    + " with a BOM for Excel; several values in one cell are separated by ' ::: '. Rapport's own"
                    + " columns (Connected On, Tier, Last Interaction, Next Touch Due) come last.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"))))
    ResponseEntity<StreamingResponseBody> allAsCsv(
            IdentityAssertion caller, @RequestParam(defaultValue = "false") boolean archived) {
        String member = caller.memberId();
        StreamingResponseBody body = out -> {
            Writer writer = writer(out);
            ContactsCsv csv = new ContactsCsv(writer);
            try (Stream<ContactDocument> all = queries.stream(member, archived)) {
                Iterator<ContactDocument> it = all.iterator();
                while (it.hasNext()) {
                    ContactDocument contact = it.next();
                    csv.write(
                            ContactCards.of(contact),
                            new ContactsCsv.Extra(
                                    contact.getTier().id(),
                                    contact.getLastInteractionAt(),
                                    contact.getNextTouchDueAt()));
                }
            }
            csv.flush();
        };
        return file("contacts.csv", "text/csv;charset=utf-8", body);
    }

    private static VCard vcard(ContactDocument contact, VCardVersion version) {
        return VCards.of(
                ContactCards.of(contact), VCards.uid("contact", contact.getId()), contact.getUpdatedAt(), version);
    }

    static VCardVersion version(String version) {
        try {
            return VCards.version(version);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("version", e.getMessage());
        }
    }

    static Writer writer(java.io.OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    static <T> ResponseEntity<T> file(String name, String mediaType, T body) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(mediaType))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(name, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(body);
    }

    /** A file name made of a person's name: letters, digits and dashes only. */
    static String fileName(String name) {
        String ascii = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .replaceAll("[^A-Za-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
        return ascii.isEmpty() ? "contact" : ascii;
    }
}

package dev.rapport.contacts.exports;

import dev.rapport.contacts.domain.ContactCard;
import dev.rapport.contacts.exports.domain.VCards;
import dev.rapport.contracts.identity.IdentityAssertion;
import dev.rapport.support.web.ApiException;
import dev.rapport.support.web.ConditionalRequests;
import dev.rapport.support.web.InputCleaning;
import ezvcard.VCardVersion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.List;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The member's own business card, to keep current and hand out as a vCard. */
@RestController
@RequestMapping("/api/v1/contacts/me")
@Tag(name = "Exports")
class MemberCardController {

    private final MongoTemplate mongo;
    private final Clock clock;

    MemberCardController(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @GetMapping("/card")
    @Operation(summary = "Your own card", description = "404 until you have written it; answers its ETag.")
    ResponseEntity<MemberCardView> get(IdentityAssertion caller) {
        MemberCardDocument card = find(caller);
        return ResponseEntity.ok().eTag(etag(card)).body(MemberCardView.of(card));
    }

    @PutMapping("/card")
    @Operation(
            summary = "Write your own card",
            description = "Replaces the whole card. If-Match is optional; when sent and the card changed since, 412.")
    ResponseEntity<MemberCardView> put(
            IdentityAssertion caller,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody MemberCardRequest request) {
        MemberCardDocument card = mongo.findById(caller.memberId(), MemberCardDocument.class);
        ConditionalRequests.requireMatch(ifMatch, card == null ? null : etag(card), false);
        if (card == null) {
            card = new MemberCardDocument();
            card.memberId = caller.memberId();
        }
        card.tenantId = caller.tenantId();
        card.firstName = InputCleaning.trim(request.firstName());
        card.lastName = InputCleaning.trim(request.lastName());
        card.emails = InputCleaning.clean(request.emails());
        card.phones = InputCleaning.clean(request.phones());
        card.company = InputCleaning.trim(request.company());
        card.title = InputCleaning.trim(request.title());
        card.location = InputCleaning.trim(request.location());
        card.profileUrls = InputCleaning.clean(request.profileUrls());
        card.note = InputCleaning.trim(request.note());
        card.updatedAt = clock.instant();
        try {
            card = mongo.save(card);
        } catch (OptimisticLockingFailureException e) {
            throw ApiException.preconditionFailed(etag(find(caller)));
        }
        return ResponseEntity.ok().eTag(etag(card)).body(MemberCardView.of(card));
    }

    @GetMapping("/card.vcf")
    @Operation(
            summary = "Your own card as a vCard",
            description = "vCard 3.0 by default, 4.0 with version=4.0: to hand out, attach or put behind a QR code.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content = @Content(mediaType = "text/vcard", schema = @Schema(type = "string"))))
    ResponseEntity<StreamingResponseBody> vcard(
            IdentityAssertion caller,
            @Parameter(description = "3.0 (default) or 4.0") @RequestParam(required = false) String version) {
        VCardVersion vcardVersion = ExportController.version(version);
        MemberCardDocument card = find(caller);
        ContactCard contact = new ContactCard(
                card.firstName,
                card.lastName,
                card.emails,
                card.phones,
                card.company,
                card.title,
                card.location,
                card.profileUrls,
                card.note,
                List.of(),
                null,
                null);
        StreamingResponseBody body = out -> VCards.write(
                ExportController.writer(out),
                vcardVersion,
                List.of(contact).iterator(),
                c -> VCards.of(c, VCards.uid("member", card.memberId), card.updatedAt, vcardVersion));
        return ExportController.file(
                ExportController.fileName(contact.displayName()) + ".vcf", VCards.mediaType(), body);
    }

    private MemberCardDocument find(IdentityAssertion caller) {
        MemberCardDocument card = mongo.findById(caller.memberId(), MemberCardDocument.class);
        if (card == null) {
            throw ApiException.notFound("card of member", caller.memberId());
        }
        return card;
    }

    private static String etag(MemberCardDocument card) {
        return ConditionalRequests.etag(card.version);
    }
}

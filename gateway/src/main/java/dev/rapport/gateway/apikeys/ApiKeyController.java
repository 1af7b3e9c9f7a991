package dev.rapport.gateway.apikeys;

import dev.rapport.gateway.GatewayProperties;
import dev.rapport.gateway.apikeys.ApiKeyViews.CreateRequest;
import dev.rapport.gateway.apikeys.ApiKeyViews.Created;
import dev.rapport.gateway.apikeys.ApiKeyViews.KeyList;
import dev.rapport.gateway.apikeys.ApiKeyViews.KeyView;
import dev.rapport.gateway.apikeys.ApiKeyViews.RenewRequest;
import dev.rapport.gateway.apikeys.domain.ApiKey;
import dev.rapport.gateway.apikeys.domain.ApiKeyRules;
import dev.rapport.gateway.apikeys.domain.ApiKeySecret;
import dev.rapport.gateway.apikeys.domain.FieldError;
import dev.rapport.gateway.routing.GatewayEndpoints;
import dev.rapport.gateway.security.MemberAuthentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A member's API keys: created (the key shown once), listed and revoked by the member with their own token. An API
 * key can never manage keys, so a leaked key cannot mint itself a successor or revoke the member's other keys.
 */
@RestController
@Tag(name = "API keys", description = "Credentials for API consumers, managed by the member with their own token")
class ApiKeyController {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiKeyStore store;
    private final Clock clock;
    private final Duration defaultLifetime;

    ApiKeyController(ApiKeyStore store, Clock clock, GatewayProperties properties) {
        this.store = store;
        this.clock = clock;
        this.defaultLifetime = properties.apiKeys().defaultLifetime();
    }

    @PostMapping(GatewayEndpoints.API_KEYS)
    @Operation(
            summary = "Create an API key",
            description = "Answers the key once, in 'key'; only its hash is kept. The scopes may not exceed those of"
                    + " the member token used. Without expiresAt the key works for the default lifetime (90 days"
                    + " unless configured), renewable. 403 with an API key, 400 with field errors, 409 beyond "
                    + ApiKeyRules.MAX_LIVE_KEYS + " live keys.")
    Mono<ResponseEntity<Created>> create(@RequestBody CreateRequest request) {
        return memberWithToken().flatMap(member -> {
            Instant now = clock.instant();
            List<FieldError> errors = ApiKeyRules.check(
                    request.name(),
                    request.scopes(),
                    request.expiresAt(),
                    (area, access) -> member.identity().allows(area, access),
                    now);
            if (!errors.isEmpty()) {
                return Mono.error(invalid(errors));
            }
            String tenant = member.identity().tenantId();
            String memberId = member.identity().memberId();
            // Count-then-insert may let two racing requests both pass at the limit: the bound is against hoarding,
            // not an exact quota.
            return store.countLive(tenant, memberId, now).flatMap(live -> {
                if (live >= ApiKeyRules.MAX_LIVE_KEYS) {
                    return Mono.error(problem(
                            HttpStatus.CONFLICT,
                            "You already have " + live + " live API keys, the most allowed: revoke one first"));
                }
                ApiKeySecret secret = ApiKeySecret.generate(RANDOM);
                ApiKey key = new ApiKey(
                        secret.keyId(),
                        tenant,
                        memberId,
                        request.name().strip(),
                        new LinkedHashSet<>(request.scopes()),
                        secret.secretHash(),
                        now,
                        request.expiresAt() != null ? request.expiresAt() : defaultExpiry(now),
                        null,
                        null);
                return store.insert(key)
                        .map(stored -> ResponseEntity.created(URI.create(GatewayEndpoints.API_KEYS + "/" + stored.id()))
                                .body(Created.of(stored, secret, now)));
            });
        });
    }

    @GetMapping(GatewayEndpoints.API_KEYS)
    @Operation(summary = "List your API keys", description = "Newest first, with their status; never the secrets.")
    Mono<KeyList> list() {
        return memberWithToken().flatMap(member -> {
            Instant now = clock.instant();
            return store.listFor(member.identity().tenantId(), member.identity().memberId())
                    .map(key -> KeyView.of(key, now))
                    .collectList()
                    .map(KeyList::new);
        });
    }

    @DeleteMapping(GatewayEndpoints.API_KEYS + "/{id}")
    @Operation(
            summary = "Revoke an API key",
            description = "The key stops working at once. Revoking twice is harmless; another member's key, or an"
                    + " unknown one, answers 404.")
    Mono<ResponseEntity<Void>> revoke(@Parameter(description = "The key's id") @PathVariable String id) {
        return memberWithToken()
                .flatMap(member -> store.revoke(
                        member.identity().tenantId(), member.identity().memberId(), id, clock.instant()))
                .switchIfEmpty(Mono.error(() -> problem(HttpStatus.NOT_FOUND, "You have no API key " + id)))
                .map(revoked -> ResponseEntity.noContent().build());
    }

    @PostMapping(GatewayEndpoints.API_KEYS + "/{id}/renewal")
    @Operation(
            summary = "Renew an API key",
            description = "Gives the key a new expiry: the one asked for (at most 366 days ahead), else the default"
                    + " lifetime from now. An expired key works again; a revoked key cannot be renewed (409). Another"
                    + " member's key, or an unknown one, answers 404. With the member's own token only.")
    Mono<KeyView> renew(
            @Parameter(description = "The key's id") @PathVariable String id,
            @RequestBody(required = false) @Nullable RenewRequest request) {
        return memberWithToken().flatMap(member -> {
            Instant now = clock.instant();
            Instant asked = request != null ? request.expiresAt() : null;
            List<FieldError> errors = ApiKeyRules.checkExpiry(asked, now);
            if (!errors.isEmpty()) {
                return Mono.error(invalid(errors));
            }
            Instant expiresAt = asked != null ? asked : defaultExpiry(now);
            return store.renew(member.identity().tenantId(), member.identity().memberId(), id, expiresAt)
                    .switchIfEmpty(Mono.error(() -> problem(HttpStatus.NOT_FOUND, "You have no API key " + id)))
                    .flatMap(key -> key.revokedAt() != null
                            ? Mono.error(problem(
                                    HttpStatus.CONFLICT,
                                    "API key " + id + " was revoked; a revoked key cannot be renewed, create a new"
                                            + " one"))
                            : Mono.just(KeyView.of(key, now)));
        });
    }

    /** The default lifetime from now, to the second (as the store keeps it, and as clients read it back). */
    private Instant defaultExpiry(Instant now) {
        return now.plus(defaultLifetime).truncatedTo(ChronoUnit.SECONDS);
    }

    /** The caller, who must have used their own token: with an API key, 403. */
    private static Mono<MemberAuthentication> memberWithToken() {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .ofType(MemberAuthentication.class)
                .switchIfEmpty(Mono.error(() -> problem(HttpStatus.UNAUTHORIZED, "Authentication is required")))
                .flatMap(member -> member.isMemberToken()
                        ? Mono.just(member)
                        : Mono.error(problem(
                                HttpStatus.FORBIDDEN,
                                "API keys are managed with the member's own token; an API key cannot manage keys")));
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }

    private static ErrorResponseException invalid(List<FieldError> errors) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The API key request is invalid");
        body.setProperty(
                "errors",
                errors.stream()
                        .map(error -> Map.of("field", error.field(), "message", error.message()))
                        .toList());
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, body, null);
    }
}

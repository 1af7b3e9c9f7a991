package dev.rapport.gateway.export;

import dev.rapport.gateway.problem.Problems;
import dev.rapport.gateway.requestid.RequestIds;
import dev.rapport.gateway.routing.GatewayEndpoints;
import dev.rapport.gateway.security.MemberAuthentication;
import dev.rapport.gateway.security.ProblemAuthenticationEntryPoint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /api/v1/me/export}: everything the member owns, from every service, in one JSON document. */
@RestController
@Tag(name = "Member data", description = "The member's data rights: export (here) and erasure (contacts-service)")
class MemberExportController {

    private static final Logger log = LoggerFactory.getLogger(MemberExportController.class);

    private final MemberExporter exporter;
    private final JsonMapper json;

    MemberExportController(MemberExporter exporter, JsonMapper json) {
        this.exporter = exporter;
        this.json = json;
    }

    @GetMapping(GatewayEndpoints.EXPORT)
    @Operation(
            summary = "Export everything you own",
            description = "One JSON document {member, exportedAt, contacts, reminders, content}, each part as its"
                    + " service exports it, streamed as the services write it (a large network is never held in"
                    + " memory). Needs read access to every area. When a service cannot begin its part the answer"
                    + " is 503 and no partial export; a part that breaks off later ends the download with JSON that"
                    + " does not parse, never with a shorter document that looks complete.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The export, as a download",
                            content = @Content(mediaType = "application/json", schema = @Schema(type = "object"))))
    Mono<ResponseEntity<Flux<DataBuffer>>> export(ServerWebExchange exchange) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .cast(MemberAuthentication.class)
                .flatMap(member -> {
                    List<String> missing = exporter.areas().stream()
                            .filter(area -> !member.identity().allows(area, "read"))
                            .map(area -> area + ":read")
                            .toList();
                    if (!missing.isEmpty()) {
                        String required = String.join(" ", missing);
                        return Mono.just(problem(
                                exchange,
                                HttpStatus.FORBIDDEN,
                                "The export needs the scopes " + required,
                                ProblemAuthenticationEntryPoint.insufficientScopeChallenge(required)));
                    }
                    return exporter.export(member.identity(), RequestIds.of(exchange))
                            .<ResponseEntity<Flux<DataBuffer>>>map(export -> ResponseEntity.ok()
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .header(
                                            HttpHeaders.CONTENT_DISPOSITION,
                                            ContentDisposition.attachment()
                                                    .filename(
                                                            "rapport-export-" + LocalDate.now(ZoneOffset.UTC) + ".json")
                                                    .build()
                                                    .toString())
                                    .body(export))
                            .onErrorResume(MemberExporter.PartUnavailable.class, unavailable -> {
                                RequestIds.withMdc(
                                        exchange,
                                        () -> log.warn(
                                                "Export refused: {}: {}",
                                                unavailable.getMessage(),
                                                String.valueOf(unavailable.getCause())));
                                return Mono.just(problem(
                                        exchange,
                                        HttpStatus.SERVICE_UNAVAILABLE,
                                        "The export is complete or not at all, and " + unavailable.getMessage()
                                                + ": try again later",
                                        null));
                            });
                });
    }

    private ResponseEntity<Flux<DataBuffer>> problem(
            ServerWebExchange exchange, HttpStatus status, String detail, @Nullable String challenge) {
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (challenge != null) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            answer.header(HttpHeaders.RETRY_AFTER, "30");
        }
        byte[] body = json.writeValueAsBytes(Problems.body(status, detail, exchange));
        return answer.body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
    }
}

package dev.rapport.gateway.security;

import dev.rapport.gateway.problem.Problems;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers a request without valid credentials with 401 {@code application/problem+json} and an RFC 6750
 * {@code WWW-Authenticate: Bearer} challenge (with {@code error="invalid_token"} when a token was sent).
 */
public final class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    static final String REALM = "rapport";

    private final Problems problems;

    ProblemAuthenticationEntryPoint(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        @Nullable OAuth2Error error = failure instanceof OAuth2AuthenticationException oauth ? oauth.getError() : null;
        String detail = error == null
                ? "Authentication is required: send a member token as 'Authorization: Bearer <token>'"
                : "The bearer token was refused"
                        + (error.getDescription() != null ? ": " + error.getDescription() : "");
        return problems.write(
                exchange,
                HttpStatus.UNAUTHORIZED,
                detail,
                headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge(error)));
    }

    static String challenge(@Nullable OAuth2Error error) {
        List<String> parameters = new ArrayList<>();
        parameters.add(parameter("realm", REALM));
        if (error != null) {
            parameters.add(parameter("error", error.getErrorCode()));
            if (error.getDescription() != null) {
                parameters.add(parameter("error_description", error.getDescription()));
            }
        }
        return "Bearer " + String.join(", ", parameters);
    }

    /** The RFC 6750 challenge of a valid token that lacks {@code scope}. */
    public static String insufficientScopeChallenge(String scope) {
        return "Bearer "
                + String.join(
                        ", ",
                        parameter("realm", REALM),
                        parameter("error", "insufficient_scope"),
                        parameter("scope", scope));
    }

    static String parameter(String name, String value) {
        // RFC 6750 forbids quotes and backslashes inside the quoted values.
        return name + "=\"" + value.replace("\\", "").replace("\"", "'") + "\"";
    }
}

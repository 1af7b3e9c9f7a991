package dev.rapport.support.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** A request that cannot be served, answered as {@code application/problem+json}. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final Map<String, Object> properties;

    public ApiException(HttpStatus status, String title, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.title = title;
        this.properties = Map.copyOf(properties);
    }

    /** 404: also what another member's id answers, so that ids reveal nothing. */
    public static ApiException notFound(String what, String id) {
        return new ApiException(HttpStatus.NOT_FOUND, "Not found", what + " " + id + " does not exist", Map.of());
    }

    /** 409: the request conflicts with the resource's state. */
    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, "Conflict", detail, Map.of());
    }

    /** 412: the If-Match version is not the current one (a lost update was prevented). */
    public static ApiException preconditionFailed(String currentEtag) {
        return new ApiException(
                HttpStatus.PRECONDITION_FAILED,
                "Precondition failed",
                "the resource changed since you read it: read it again and retry with its current ETag",
                Map.of("currentEtag", currentEtag));
    }

    /** 400 for one field, in the same shape as Bean Validation errors. */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(
                HttpStatus.BAD_REQUEST,
                "Invalid request",
                field + ": " + message,
                Map.of("errors", java.util.List.of(new FieldProblem(field, message))));
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** One failing field of a request. */
    public record FieldProblem(String field, String message) {}
}

package dev.rapport.reminders;

import dev.rapport.support.web.ApiException;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;

/**
 * Answers unparseable input (a date that is no date, a malformed body) with the same field errors as
 * validation failures, rather than the framework's generic 400 without fields.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class BadInputHandlers {

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return invalid(e.getName(), "is not a valid value");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JacksonException json && !json.getPath().isEmpty()) {
            String field = json.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            return invalid(field, "is not a valid value");
        }
        return invalid("body", "must be a JSON document of the documented shape");
    }

    private static ProblemDetail invalid(String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + message);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(new ApiException.FieldProblem(field, message)));
        return problem;
    }
}

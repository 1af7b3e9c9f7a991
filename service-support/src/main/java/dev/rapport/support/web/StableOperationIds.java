package dev.rapport.support.web;

import io.swagger.v3.oas.models.Operation;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * Names every operation after its handler: the method, then the controller without its {@code Controller} suffix
 * ({@code ContactController.get} → {@code getContact}), unless {@code @Operation(operationId = …)} names it.
 * springdoc's own default numbers same-named methods in the order it finds them ({@code get_1} … {@code get_7}), so
 * adding an operation anywhere renamed others and, with them, the methods of every client generated from the
 * published documents (docs/openapi/, {@code GeneratedClientJourneyIT}).
 */
public class StableOperationIds implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        io.swagger.v3.oas.annotations.Operation declared =
                handler.getMethodAnnotation(io.swagger.v3.oas.annotations.Operation.class);
        if (declared != null && !declared.operationId().isBlank()) {
            return operation;
        }
        return operation.operationId(
                idOf(handler.getMethod().getName(), handler.getBeanType().getSimpleName()));
    }

    static String idOf(String method, String controller) {
        String stem = controller.endsWith("Controller")
                ? controller.substring(0, controller.length() - "Controller".length())
                : controller;
        return method + stem;
    }
}

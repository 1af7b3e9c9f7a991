package dev.rapport.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.Operation;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.HandlerMethod;

class StableOperationIdsTest {

    static class ContactController {
        public void get() {}

        @io.swagger.v3.oas.annotations.Operation(operationId = "addContact")
        public void add() {}
    }

    private static Operation customised(String method) throws NoSuchMethodException {
        HandlerMethod handler = new HandlerMethod(new ContactController(), ContactController.class.getMethod(method));
        return new StableOperationIds().customize(new Operation().operationId(method + "_3"), handler);
    }

    @Test
    void anOperationIsNamedAfterItsMethodAndControllerUnlessItNamesItself() throws Exception {
        assertThat(customised("get").getOperationId()).isEqualTo("getContact");
        assertThat(customised("add").getOperationId())
                .as("an explicit id is kept")
                .isEqualTo("add_3");
    }
}

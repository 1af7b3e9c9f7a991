package dev.rapport.support.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

class ProblemHandlersTest {

    @RestController
    static class Failing {
        @GetMapping("/translated")
        String translated() {
            throw new DataAccessResourceFailureException("Timed out while waiting for a server");
        }

        /** As a collection used without a template throws: the driver's own exception, not translated. */
        @GetMapping("/raw-timeout")
        String rawTimeout() {
            throw new MongoTimeoutException(
                    "Timed out while waiting for a server that matches ReadPreferenceServerSelector");
        }

        @GetMapping("/duplicate")
        String duplicate() {
            throw new DuplicateKeyException("E11000 duplicate key error collection: rapport-content.content_plans");
        }

        @GetMapping("/raw-socket")
        String rawSocket() {
            throw new MongoSocketOpenException("Exception opening socket", new ServerAddress("127.0.0.1", 27027));
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
            .setControllerAdvice(new ProblemHandlers())
            .build();

    @Test
    void anUnreachableStoreIs503ProblemWhetherOrNotSpringTranslatedTheDriversException() throws Exception {
        for (String path : new String[] {"/translated", "/raw-timeout", "/raw-socket"}) {
            mvc.perform(get(path))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.detail").value("storage is unavailable: retry later"));
        }
    }

    @Test
    void twoRequestsCreatingTheSameResourceAtOnceGiveTheLoser409ProblemNot500() throws Exception {
        mvc.perform(get("/duplicate"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }
}

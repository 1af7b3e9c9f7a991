package dev.rapport.support.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.contracts.identity.IdentityAssertion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class IdentityFilterTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final IdentityAssertion ALICE = new IdentityAssertion(
            "alice", "alumni", Set.of("contacts:write"), Instant.now().plusSeconds(60));

    private final IdentityFilter filter = new IdentityFilter(SECRET, "contacts", Clock.systemUTC());

    @Test
    void anAssertionMadeForTheRequestLetsItIn() throws Exception {
        MockHttpServletResponse response =
                call("GET", "/api/v1/contacts/c1", ALICE.encode(SECRET, "GET", "/api/v1/contacts/c1"));

        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void anAssertionMadeForAnotherPathIsRefused() throws Exception {
        String seen = ALICE.encode(SECRET, "GET", "/api/v1/contacts/c1");

        MockHttpServletResponse response = call("GET", "/api/v1/contacts/c2", seen);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
    }

    @Test
    void aReadAssertionReplayedAsADeleteIsRefused() throws Exception {
        String seen = ALICE.encode(SECRET, "GET", "/api/v1/contacts/c1");

        assertThat(call("DELETE", "/api/v1/contacts/c1", seen).getStatus()).isEqualTo(401);
    }

    @Test
    void anAssertionMadeForAnotherServicesPathIsRefused() throws Exception {
        String seenByReminders = ALICE.encode(SECRET, "GET", "/api/v1/reminders");

        assertThat(call("GET", "/api/v1/contacts", seenByReminders).getStatus()).isEqualTo(401);
    }

    private MockHttpServletResponse call(String method, String path, String identity) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.addHeader(IdentityAssertion.HEADER, identity);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}

package dev.rapport.support.identity;

import dev.rapport.contracts.identity.IdentityAssertion;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets an {@code /api/**} request in only with an identity the gateway signed for this request (its method and
 * path), and only for the access its scopes grant in this service's area; any other identity header, including one
 * the gateway signed for another request, is worthless here.
 */
public class IdentityFilter extends OncePerRequestFilter {

    static final String ATTRIBUTE = IdentityAssertion.class.getName();

    private final byte[] secret;
    private final String area;
    private final Clock clock;

    public IdentityFilter(byte[] secret, String area, Clock clock) {
        this.secret = secret.clone();
        this.area = area;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Bound to this very request: an assertion made for another method, path or service does not verify.
        Optional<IdentityAssertion> identity = IdentityAssertion.verify(
                request.getHeader(IdentityAssertion.HEADER),
                request.getMethod(),
                request.getRequestURI(),
                secret,
                clock);
        if (identity.isEmpty()) {
            problem(
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "a verified identity from the gateway, made for this request, is required");
            return;
        }
        String access = isRead(request.getMethod()) ? "read" : "write";
        if (!identity.get().allows(area, access)) {
            problem(response, HttpStatus.FORBIDDEN, "the credentials do not grant " + area + ":" + access);
            return;
        }
        request.setAttribute(ATTRIBUTE, identity.get());
        try (var ignored = MDC.putCloseable("memberId", identity.get().memberId())) {
            chain.doFilter(request, response);
        }
    }

    private static boolean isRead(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
                        + status.value() + ",\"detail\":\"" + detail + "\"}");
    }
}

package dev.rapport.gateway.problem;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's firewall refuses encoded slashes, backslashes, percent signs, null bytes, line breaks and
 * {@code ..} segments in a path; its default answer is an empty 400. This answers it as a problem, with the reason.
 */
@Component
public class FirewallRejections implements ServerExchangeRejectedHandler {

    private final Problems problems;

    public FirewallRejections(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        return problems.write(exchange, HttpStatus.BAD_REQUEST, "The request was refused: " + rejected.getMessage());
    }
}

package dev.rapport.support.outbound;

import java.net.UnknownHostException;

/**
 * A URL or an address the guard will not let a request go to. It is an {@link UnknownHostException} because the
 * guard refuses while resolving the name for the connection (the HTTP client's resolver may only throw that); the
 * message says why, in words fit for the member who gave the URL.
 */
public class OutboundRefusedException extends UnknownHostException {

    public OutboundRefusedException(String reason) {
        super(reason);
    }
}

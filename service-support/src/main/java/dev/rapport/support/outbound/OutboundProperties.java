package dev.rapport.support.outbound;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where outbound requests to member- or operator-given URLs may go ({@code rapport.outbound.*}).
 *
 * @param allowPrivate let requests reach loopback, private (RFC 1918), link-local, CGNAT and IPv6 unique-local
 *     addresses ({@code RAPPORT_OUTBOUND_ALLOW_PRIVATE}): for tests and local demos only, off by default; it also
 *     allows plain http. Metadata endpoints, multicast and unspecified addresses stay refused even then
 * @param allowHttp allow plain http to public addresses ({@code RAPPORT_OUTBOUND_ALLOW_HTTP}, development only):
 *     off by default, so that signatures, tokens and digests travel over https
 */
@ConfigurationProperties("rapport.outbound")
public record OutboundProperties(boolean allowPrivate, boolean allowHttp) {

    /** Whether http (not only https) URLs are accepted. */
    public boolean httpAllowed() {
        return allowPrivate || allowHttp;
    }
}

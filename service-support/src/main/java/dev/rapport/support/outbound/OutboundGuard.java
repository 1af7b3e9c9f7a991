package dev.rapport.support.outbound;

import dev.rapport.support.web.ApiException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule for requests to URLs that members or operators give: http(s) only (https unless allowed), no
 * credentials in the URL, and no address inside the platform. {@link #check(URI)} judges a URL when it is given
 * (to answer 400 at once); {@link #resolve(String)} judges it again when connecting, and its answer is the very
 * address connected to ({@link OutboundHttp} uses it as its resolver), so a name that resolves elsewhere between
 * the check and the connection (DNS rebinding) cannot slip through.
 */
public class OutboundGuard {

    private final OutboundProperties properties;
    private final Resolver resolver;

    /** Resolves a host name to its addresses (the system resolver, or a fake one in tests). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public OutboundGuard(OutboundProperties properties) {
        this(properties, InetAddress::getAllByName);
    }

    public OutboundGuard(OutboundProperties properties, Resolver resolver) {
        this.properties = properties;
        this.resolver = resolver;
    }

    /** Whether loopback and private addresses are allowed (tests and local demos only). */
    public boolean allowsPrivate() {
        return properties.allowPrivate();
    }

    /** Whether plain http URLs are accepted (only https otherwise). */
    public boolean allowsHttp() {
        return properties.httpAllowed();
    }

    /**
     * Checks a URL and resolves its host once: returns it when a request may go there.
     *
     * @throws OutboundRefusedException with the reason when it may not
     * @throws UnknownHostException when its host does not resolve
     */
    public URI check(URI url) throws UnknownHostException {
        checkSyntax(url);
        resolve(url.getHost());
        return url;
    }

    /** Parses and {@link #check(URI) checks} a URL given as text. */
    public URI check(String url) throws UnknownHostException {
        if (url == null) {
            throw new OutboundRefusedException("must be an absolute " + schemes() + " URL");
        }
        try {
            return check(new URI(url.strip()));
        } catch (URISyntaxException e) {
            throw new OutboundRefusedException("must be an absolute " + schemes() + " URL");
        }
    }

    /**
     * A URL a member gives as the field {@code field} of a request (a webhook), if requests may go there; else a 400
     * problem on that field. A host that does not resolve now is accepted (DNS may be down for a moment): every
     * request to it is checked again when connecting.
     */
    public URI acceptInput(String url, String field) {
        URI uri;
        try {
            uri = new URI(url.strip());
            checkSyntax(uri);
        } catch (URISyntaxException | OutboundRefusedException e) {
            throw ApiException.invalidField(field, "must be an absolute " + schemes() + " URL without credentials");
        }
        try {
            check(uri);
        } catch (OutboundRefusedException e) {
            throw ApiException.invalidField(field, e.getMessage());
        } catch (UnknownHostException e) {
            // accepted: checked again when connecting
        }
        return uri;
    }

    /** The scheme, host and credential rules alone, without resolving. */
    public void checkSyntax(URI url) throws OutboundRefusedException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        boolean schemeOk = scheme.equals("https") || scheme.equals("http") && properties.httpAllowed();
        if (!schemeOk
                || !url.isAbsolute()
                || url.getHost() == null
                || url.getHost().isBlank()) {
            throw new OutboundRefusedException("must be an absolute " + schemes() + " URL");
        }
        if (url.getRawUserInfo() != null) {
            throw new OutboundRefusedException("must not carry credentials (user:password@)");
        }
    }

    /**
     * The addresses of {@code host}, each of them checked: a host with one address inside is refused as a whole
     * (a name that answers both a public and an internal address is not trusted with either).
     */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String name = OutboundAddresses.normalise(host);
        if (name.isEmpty()) {
            throw new OutboundRefusedException("has no host");
        }
        if (OutboundAddresses.isMetadataName(name)) {
            throw new OutboundRefusedException("points at a cloud metadata service");
        }
        Optional<InetAddress> literal = OutboundAddresses.numeric(name);
        InetAddress[] addresses;
        if (literal.isPresent()) {
            addresses = new InetAddress[] {literal.get()};
        } else {
            try {
                addresses = resolver.resolve(name);
            } catch (UnknownHostException e) {
                throw new UnknownHostException("host " + name + " is unknown");
            }
            if (addresses == null || addresses.length == 0) {
                throw new UnknownHostException("host " + name + " is unknown");
            }
        }
        for (InetAddress address : addresses) {
            switch (OutboundAddresses.classify(address)) {
                case FORBIDDEN ->
                    throw new OutboundRefusedException(
                            "points at a metadata, multicast or reserved address, never reachable from Rapport");
                case INTERNAL -> {
                    if (!properties.allowPrivate()) {
                        throw new OutboundRefusedException(
                                "points at a private or local address: use a public address");
                    }
                }
                case PUBLIC -> {
                    // fine
                }
            }
        }
        return addresses;
    }

    private String schemes() {
        return properties.httpAllowed() ? "http or https" : "https";
    }
}

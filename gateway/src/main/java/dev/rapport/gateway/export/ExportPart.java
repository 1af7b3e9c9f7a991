package dev.rapport.gateway.export;

import java.net.URI;

/**
 * One service's share of a member's export.
 *
 * @param key the member of the export document that holds it ({@code contacts} …)
 * @param area the scope area a caller must be allowed to read
 * @param service the service's name in messages
 * @param baseUri where the service listens
 */
record ExportPart(String key, String area, String service, URI baseUri) {}

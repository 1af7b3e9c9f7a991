package dev.rapport.contacts.privacy.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an erasure request stands: which services have confirmed that they purged the member, and when.
 *
 * @param erasedAt when each service that confirmed purged the member's data
 */
public record ErasureProgress(Map<String, Instant> erasedAt) {

    /** Every service that holds member data, each of which must confirm. */
    public static final List<String> SERVICES = List.of("contacts", "reminders", "content");

    public ErasureProgress {
        erasedAt = Map.copyOf(erasedAt);
    }

    /** Whether a service name is one that must confirm: confirmations from anything else are ignored. */
    public static boolean expects(String service) {
        return service != null && SERVICES.contains(service);
    }

    /** Whether every service has confirmed. */
    public boolean complete() {
        return erasedAt.keySet().containsAll(SERVICES);
    }

    /** Each service's status ({@code erased} or {@code pending}) with its erasure time, in a stable order. */
    public Map<String, ServiceStatus> byService() {
        Map<String, ServiceStatus> statuses = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Instant at = erasedAt.get(service);
            statuses.put(service, new ServiceStatus(at == null ? "pending" : "erased", at));
        }
        return statuses;
    }

    /** One service's part of the erasure. */
    public record ServiceStatus(String status, Instant erasedAt) {}
}

package dev.rapport.contacts.directory;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How contacts-service follows the organization's alumni directory ({@code rapport.contacts.directory.*}).
 *
 * @param pollInterval how often every tenant's directory is asked for the profiles updated since the last sync
 * @param pageSize how many profiles one page asks for
 * @param maxAttempts how many times one page is asked for before the sync stops (to resume from there next time)
 * @param initialBackoff the wait after the first failure (doubling after each next one)
 * @param maxBackoff the longest wait between two attempts
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one stops the sync until the next poll
 * @param timeout how long one request may take
 * @param lease how long one instance may hold a tenant's sync (a crashed instance's lease expires)
 * @param tenants the directory of each tenant; a tenant without one is not synced
 */
@ConfigurationProperties("rapport.contacts.directory")
public record DirectoryProperties(
        Duration pollInterval,
        int pageSize,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        Duration timeout,
        Duration lease,
        Map<String, Tenant> tenants) {

    public DirectoryProperties {
        pollInterval = pollInterval == null ? Duration.ofMinutes(15) : pollInterval;
        pageSize = pageSize <= 0 ? 100 : pageSize;
        maxAttempts = maxAttempts <= 0 ? 5 : maxAttempts;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(30) : maxBackoff;
        maxRetryAfter = maxRetryAfter == null ? Duration.ofMinutes(5) : maxRetryAfter;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        lease = lease == null ? Duration.ofMinutes(10) : lease;
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
    }

    /**
     * @param baseUrl the directory API's base URL ({@code GET <baseUrl>/profiles}); blank disables the tenant
     * @param token the bearer token the directory expects, if any
     */
    public record Tenant(String baseUrl, String token) {
        public boolean enabled() {
            return baseUrl != null && !baseUrl.isBlank();
        }

        @Override
        public String toString() {
            // Never the directory's bearer token: the properties end up in logs and failure analyses.
            return "Tenant[baseUrl=" + baseUrl + ", token=" + (token == null ? "null" : "<redacted>") + "]";
        }
    }
}

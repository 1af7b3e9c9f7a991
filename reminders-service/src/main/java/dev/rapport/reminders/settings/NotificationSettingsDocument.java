package dev.rapport.reminders.settings;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A member's notification settings, as stored, with the delivery state that goes with them: when the
 * next digest is due and the circuit of their webhook.
 */
@Document("notification_settings")
public class NotificationSettingsDocument {

    @Id
    String memberId;

    @Version
    Long version;

    String tenantId;
    String timeZone;
    String locale;
    int dailyCap;
    int minGapDays;
    String digestTime;
    String quietStart;
    String quietEnd;
    String webhookUrl;
    String webhookSecret;
    Instant updatedAt;

    /** When the next digest is due; claimed atomically by the instance that sends it. */
    Instant nextDigestAt;

    int circuitFailures;
    Instant circuitOpenUntil;

    public String getMemberId() {
        return memberId;
    }

    public String getTenantId() {
        return tenantId;
    }

    public String getWebhookUrl() {
        return webhookUrl;
    }

    public String getWebhookSecret() {
        return webhookSecret;
    }

    public Instant getNextDigestAt() {
        return nextDigestAt;
    }

    public int getCircuitFailures() {
        return circuitFailures;
    }

    public Instant getCircuitOpenUntil() {
        return circuitOpenUntil;
    }
}

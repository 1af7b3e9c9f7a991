package dev.rapport.content.privacy;

import dev.rapport.content.plan.ContentPlan;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Everything content-service holds of a member, as {@code GET /api/v1/me/export} gives it. */
public record ContentExport(
        String memberId,
        Instant exportedAt,

        @Schema(description = "The content plan, as GET /api/v1/content/plan shows it; null when none was set")
        Plan plan,

        List<Item> items,
        List<Feed> feeds,

        @Schema(description = "Missed cadence periods detected (each announced once as ContentCadenceSlipped)")
        List<CadenceSlip> cadenceSlips) {

    /** The plan with when it was last changed. */
    public record Plan(ContentPlan plan, Instant updatedAt) {}

    /** A content item. */
    public record Item(
            String id,
            String title,
            String channel,
            String format,
            List<String> pillars,
            List<String> topics,
            String notes,

            @Schema(description = "idea, draft, scheduled, published or archived")
            String status,

            Instant scheduledFor,
            Instant publishedAt,
            String url,
            Instant createdAt,
            Instant updatedAt) {

        public Item {
            // Stored as the enum's name, shown as in the API.
            status = status == null ? null : status.toLowerCase(Locale.ROOT);
        }
    }

    /** A registered blog feed with the outcome of its last sync. */
    public record Feed(
            String id,
            String url,
            String channel,
            Instant createdAt,
            Instant lastSyncedAt,
            String lastStatus,
            String lastError) {}

    /** One missed period of one channel. */
    public record CadenceSlip(
            String channel, String periodStart, String periodEnd, int target, int published, Instant detectedAt) {}
}

package dev.rapport.content.items;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** The request bodies of the items API. */
final class ItemRequests {

    static final String CHANNEL = "^[a-z0-9]+(-[a-z0-9]+)*$";
    static final String CHANNEL_MESSAGE = "must be a lower-case slug such as blog, linkedin-post or newsletter";

    private ItemRequests() {}

    /** A new item: an idea by default, or a draft, or already scheduled. */
    record NewItem(
            @NotBlank @Size(max = 200) String title,

            @Schema(example = "linkedin-post")
            @NotBlank
            @Size(max = 40)
            @Pattern(regexp = CHANNEL, message = CHANNEL_MESSAGE)
            String channel,

            @Schema(example = "article") @NotBlank @Pattern(regexp = ItemFormats.PATTERN, message = ItemFormats.MESSAGE)
            String format,

            @Schema(description = "Pillars of the member's plan the item belongs to (matched ignoring case)")
            @Size(max = 5)
            List<@NotBlank @Size(max = 80) String> pillars,

            @Schema(description = "Free topics; ContentPublished carries them for interest matching") @Size(max = 20)
            List<@NotBlank @Size(max = 60) String> topics,

            @Size(max = 4000) String notes,

            @Schema(defaultValue = "idea")
            @Pattern(regexp = "idea|draft|scheduled", message = "must be idea, draft or scheduled")
            String status,

            @Schema(description = "Required when status is scheduled; must be in the future")
            Instant scheduledFor,

            @Size(max = 2000) String url) {}

    /** A partial update: absent fields keep their value; {@code status} moves the item through its lifecycle. */
    record ItemPatch(
            @Size(min = 1, max = 200) String title,

            @Size(max = 40) @Pattern(regexp = CHANNEL, message = CHANNEL_MESSAGE)
            String channel,

            @Pattern(regexp = ItemFormats.PATTERN, message = ItemFormats.MESSAGE)
            String format,

            @Size(max = 5) List<@NotBlank @Size(max = 80) String> pillars,
            @Size(max = 20) List<@NotBlank @Size(max = 60) String> topics,
            @Size(max = 4000) String notes,

            @Pattern(
                    regexp = "idea|draft|scheduled|published|archived",
                    message = "must be idea, draft, scheduled, published or archived")
            String status,

            Instant scheduledFor,

            @Schema(description = "With status published: when it went out (default now, never in the future)")
            Instant publishedAt,

            @Size(max = 2000) String url) {}

    /** Publishing an item: when (default now) and where it can be read. */
    record Publish(Instant publishedAt, @Size(max = 2000) String url) {}

    /** Scheduling an item: a moment, or none to take the channel's next free slot. */
    record Schedule(
            @Schema(description = "Absent: the next free posting slot of the item's channel (the queue)")
            Instant scheduledFor) {}
}

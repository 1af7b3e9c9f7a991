package dev.rapport.content.feeds;

import dev.rapport.contracts.identity.IdentityAssertion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The member's blog feeds (RSS or Atom), synced into their content items. */
@RestController
@Tag(name = "Content feeds", description = "Blog feeds whose new entries mark planned items published or add them")
@RequestMapping("/api/v1/content/feeds")
class FeedController {

    private final FeedService feeds;

    FeedController(FeedService feeds) {
        this.feeds = feeds;
    }

    /** A feed to register. */
    record NewFeed(
            @Schema(example = "https://blog.example.org/feed.xml") @NotBlank @Size(max = 2000)
            String url,

            @Schema(description = "The channel its entries count for", defaultValue = "blog")
            @Size(max = 40)
            @Pattern(regexp = "^[a-z0-9]+(-[a-z0-9]+)*$", message = "must be a lower-case slug such as blog")
            String channel) {}

    /** A registered feed and how its last sync went. */
    record FeedView(
            String id,
            String url,
            String channel,
            Instant createdAt,

            @Schema(description = "never-synced, ok or failed")
            String lastStatus,

            String lastError,
            Instant lastSyncedAt,
            int lastEntries) {

        static FeedView of(FeedDocument feed) {
            return new FeedView(
                    feed.id,
                    feed.url,
                    feed.channel,
                    feed.createdAt,
                    feed.lastStatus,
                    feed.lastError,
                    feed.lastSyncedAt,
                    feed.lastEntries);
        }
    }

    @PostMapping
    @Operation(
            summary = "Register a feed",
            description = "Only http and https URLs (400 otherwise). It is synced in the background every few hours,"
                    + " or at once with POST …/{id}/sync.")
    ResponseEntity<FeedView> register(IdentityAssertion caller, @Valid @RequestBody NewFeed request) {
        FeedDocument feed = feeds.register(caller, request.url(), request.channel());
        return ResponseEntity.created(URI.create("/api/v1/content/feeds/" + feed.id))
                .body(FeedView.of(feed));
    }

    @GetMapping
    @Operation(summary = "List the member's blog feeds")
    List<FeedView> list(IdentityAssertion caller) {
        return feeds.mine(caller).stream().map(FeedView::of).toList();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Stop syncing a feed")
    ResponseEntity<Void> delete(IdentityAssertion caller, @PathVariable String id) {
        feeds.delete(caller, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/sync")
    @Operation(
            summary = "Sync a feed now",
            description = "Entries matching a planned item (same URL, else same title) mark it published; others are"
                    + " added as published items. 502 when the feed is missing or not valid RSS/Atom, 504 when it is"
                    + " too slow.")
    FeedService.SyncReport sync(IdentityAssertion caller, @PathVariable String id) {
        return feeds.syncNow(caller, id);
    }
}

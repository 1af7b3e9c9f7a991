package dev.rapport.content.domain;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a member's blog feed, as read from RSS or Atom.
 *
 * @param key what identifies the entry across syncs: its guid / Atom id, else its link
 * @param publishedAt when it went out (published date, else updated date), null when the feed says nothing
 */
public record FeedEntry(String key, String title, String url, Instant publishedAt, List<String> categories) {}

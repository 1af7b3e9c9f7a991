package dev.rapport.content.domain;

import java.time.Instant;

/** A content item as the advisor sees it: id, title and, when scheduled, its slot. */
public record PlannedItem(String id, String title, Instant scheduledFor) {}

package dev.rapport.contacts.contacts;

import java.time.Instant;
import java.time.LocalDate;

/** Something worth congratulating that happened to a contact. */
public record Milestone(
        String milestoneId, String kind, String title, LocalDate date, String note, Instant recordedAt) {}

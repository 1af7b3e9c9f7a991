package dev.rapport.reminders.calendar.domain;

import java.time.LocalDate;

/**
 * One reminder as a calendar event: a whole day, with a stable id so that calendar apps update the event
 * instead of duplicating it when the feed is fetched again.
 */
public record CalendarEntry(String id, LocalDate day, String summary, String description) {}

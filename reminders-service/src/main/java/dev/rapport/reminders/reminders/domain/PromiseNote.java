package dev.rapport.reminders.reminders.domain;

import java.time.LocalDate;

/** An open promise with a contact, shown in the context of other reminders about them. */
public record PromiseNote(String what, String owedBy, LocalDate dueOn) {}

package dev.rapport.contracts.events;

/** Events published by reminders-service on the {@code reminders.events} topic. */
public sealed interface RemindersEvent extends DomainEvent
        permits ReminderCreated,
                ReminderCompleted,
                ReminderDismissed,
                ReminderReopened,
                DigestDelivered,
                NotificationFailed,
                MemberDataErased {}

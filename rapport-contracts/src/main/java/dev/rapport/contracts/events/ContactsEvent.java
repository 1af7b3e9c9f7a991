package dev.rapport.contracts.events;

/** Events published by contacts-service on the {@code contacts.events} topic. */
public sealed interface ContactsEvent extends DomainEvent
        permits ContactAdded,
                ContactUpdated,
                ContactArchived,
                InteractionLogged,
                InteractionRemoved,
                PromiseKept,
                PromiseReopened,
                ContactGoneStale,
                ContactReengaged,
                MilestoneRecorded,
                GroupGoneQuiet,
                ContentShareSuggested,
                MemberErasureRequested,
                MemberDataErased,
                MeetingScheduled,
                MeetingCancelled {}

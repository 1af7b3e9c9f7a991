package dev.rapport.contracts.events;

/** Events published by content-service on the {@code content.events} topic. */
public sealed interface ContentEvent extends DomainEvent
        permits ContentPlanned, ContentScheduled, ContentPublished, ContentCadenceSlipped, MemberDataErased {}

package dev.rapport.contacts.contacts;

import java.time.Instant;
import java.util.List;

/** An interaction with a contact that is being removed, as the contact's clock and its announcement need it. */
public record RemovedInteraction(String interactionId, String type, Instant occurredAt, List<String> promiseIds) {}

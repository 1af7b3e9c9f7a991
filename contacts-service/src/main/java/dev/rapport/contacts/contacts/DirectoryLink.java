package dev.rapport.contacts.contacts;

import java.time.Instant;

/**
 * The link of a contact to a profile of the organization's alumni directory, with the employer and title the directory
 * last said, so that a change between two syncs is recognised once.
 */
public record DirectoryLink(String profileId, String employer, String title, Instant syncedAt) {}

package dev.rapport.contacts.directory.domain;

import dev.rapport.contacts.domain.MatchKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A person's profile in the organization's alumni directory, as one page of the directory API gives it. */
public record DirectoryProfile(
        String id,
        String firstName,
        String lastName,
        List<String> emails,
        String profileUrl,
        String employer,
        String title,
        Instant updatedAt) {

    public DirectoryProfile {
        emails = List.copyOf(emails);
    }

    /** The keys by which a contact is recognised as this person ({@link MatchKeys#of}). */
    public List<String> matchKeys() {
        List<String> urls = new ArrayList<>();
        if (profileUrl != null) {
            urls.add(profileUrl);
        }
        return MatchKeys.of(emails, urls);
    }
}

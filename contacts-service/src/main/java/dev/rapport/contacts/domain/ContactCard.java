package dev.rapport.contacts.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A person's details as they travel between Rapport and other tools (imports, exports, the
 * member's own card): what a vCard or a contacts CSV can say, without Rapport's own state.
 *
 * @param birthday a birthday; year {@link Birthdays#UNKNOWN_YEAR} when the source gave only month and day
 * @param connectedOn when the member connected with them (LinkedIn's "Connected On")
 */
public record ContactCard(
        String firstName,
        String lastName,
        List<String> emails,
        List<String> phones,
        String company,
        String title,
        String location,
        List<String> profileUrls,
        String notes,
        List<String> tags,
        LocalDate birthday,
        LocalDate connectedOn) {

    public ContactCard {
        firstName = clean(firstName);
        lastName = clean(lastName);
        emails = cleanAll(emails);
        phones = cleanAll(phones);
        company = clean(company);
        title = clean(title);
        location = clean(location);
        profileUrls = cleanAll(profileUrls);
        notes = notes == null || notes.isBlank() ? null : notes.strip();
        tags = cleanAll(tags);
    }

    /** Whether the card names someone: a first name, a last name or an e-mail. */
    public boolean isNamed() {
        return firstName != null || lastName != null || !emails.isEmpty();
    }

    /** The name to show: first and last name, else the first e-mail. */
    public String displayName() {
        String name = String.join(
                " ",
                java.util.stream.Stream.of(firstName, lastName)
                        .filter(Objects::nonNull)
                        .toList());
        return name.isEmpty() ? emails.stream().findFirst().orElse("") : name;
    }

    private static String clean(String value) {
        return value == null || value.isBlank() ? null : value.strip().replaceAll("\\s+", " ");
    }

    private static List<String> cleanAll(List<String> values) {
        return values == null
                ? List.of()
                : values.stream()
                        .filter(v -> v != null && !v.isBlank())
                        .map(String::strip)
                        .distinct()
                        .toList();
    }
}

package dev.rapport.contacts.exports;

import java.time.Instant;
import java.util.List;

/** The member's own card as the API shows it. */
public record MemberCardView(
        String firstName,
        String lastName,
        List<String> emails,
        List<String> phones,
        String company,
        String title,
        String location,
        List<String> profileUrls,
        String note,
        Instant updatedAt) {

    static MemberCardView of(MemberCardDocument c) {
        return new MemberCardView(
                c.firstName,
                c.lastName,
                c.emails,
                c.phones,
                c.company,
                c.title,
                c.location,
                c.profileUrls,
                c.note,
                c.updatedAt);
    }
}

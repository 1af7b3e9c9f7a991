package dev.rapport.contacts.exports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/** The member's own business card, as stored: one per member, its id the member's id. */
@Document("member_cards")
class MemberCardDocument {

    @Id
    String memberId;

    @Version
    Long version;

    String tenantId;
    String firstName;
    String lastName;
    List<String> emails = new ArrayList<>();
    List<String> phones = new ArrayList<>();
    String company;
    String title;
    String location;
    List<String> profileUrls = new ArrayList<>();
    String note;
    Instant updatedAt;
}

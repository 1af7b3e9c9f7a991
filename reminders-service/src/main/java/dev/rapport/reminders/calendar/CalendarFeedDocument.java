package dev.rapport.reminders.calendar;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A member's calendar feed: only the SHA-256 of the token in its URL is kept. */
@Document("calendar_feeds")
public class CalendarFeedDocument {

    @Id
    String memberId;

    String tenantId;
    String tokenHash;
    Instant createdAt;
}

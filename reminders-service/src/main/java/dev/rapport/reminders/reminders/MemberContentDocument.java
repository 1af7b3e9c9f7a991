package dev.rapport.reminders.reminders;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** The member's own latest published content, so that reach-out openers can offer it to interested contacts. */
@Document("member_content")
public class MemberContentDocument {

    @Id
    String memberId;

    String itemId;
    String title;
    String url;
    List<String> topics;
    Instant publishedAt;
}

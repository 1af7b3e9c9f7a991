package dev.rapport.reminders.routines;

import java.time.Instant;
import java.time.LocalDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A recurring reminder of one member: an RRULE from a start date, and the next occurrence not yet turned
 * into a reminder (null once the rule has ended). Yearly milestones such as birthdays are routines too.
 */
@Document("routines")
public class RoutineDocument {

    @Id
    String id;

    String memberId;
    String tenantId;
    /** routine (the member's own) or congratulate (a yearly milestone of a contact). */
    String kind;

    String title;
    String detail;
    String preset;
    String rrule;
    LocalDate startOn;
    LocalDate nextDueOn;
    String contactId;
    String contactName;
    String what;
    String category;
    Instant createdAt;
}

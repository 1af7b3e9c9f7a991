package dev.rapport.reminders.reminders.domain;

import java.util.Arrays;
import java.util.Optional;

/** What a reminder asks the member to do; {@link #id()} is the name on the wire. */
public enum ReminderKind {
    FOLLOW_UP("follow-up"),
    REACH_OUT("reach-out"),
    CONGRATULATE("congratulate"),
    PARTICIPATE("participate"),
    WRITE("write"),
    SHARE("share"),
    ANSWER_COMMENTS("answer-comments"),
    ROUTINE("routine"),
    PREPARE("prepare"),
    MANUAL("manual");

    private final String id;

    ReminderKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The kind named {@code id}, if there is one. */
    public static Optional<ReminderKind> of(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    /** Every wire name, for error messages and documentation. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(ReminderKind::id).toList());
    }
}

package dev.rapport.reminders.routines.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Ready-made routines for the habits the networking practice recommends, titled in Spanish and English. */
public enum RoutinePreset {
    PROFILE_REVIEW(
            "profile-review",
            "FREQ=MONTHLY;INTERVAL=3",
            "Review your profile, photo, CV and business card",
            "Revisa tu perfil, tu foto, tu CV y tu tarjeta de visita"),
    GROUP_PARTICIPATION(
            "group-participation",
            "FREQ=WEEKLY;BYDAY=TU",
            "Take part in your groups: comment, answer or share something",
            "Participa en tus grupos: comenta, responde o comparte algo"),
    BLOG_POST(
            "blog-post",
            "FREQ=MONTHLY;BYMONTHDAY=1",
            "Write this month's blog post",
            "Escribe la entrada de blog del mes"),
    LINKEDIN_POST(
            "linkedin-post",
            "FREQ=WEEKLY;BYDAY=TH",
            "Publish this week's LinkedIn post",
            "Publica tu post semanal en LinkedIn"),
    NETWORK_REVIEW(
            "network-review",
            "FREQ=MONTHLY;INTERVAL=6",
            "Review your network: tiers, goals and who you have lost touch with",
            "Revisa tu red: niveles, objetivos y con quién has perdido el contacto");

    private final String id;
    private final String rrule;
    private final String english;
    private final String spanish;

    RoutinePreset(String id, String rrule, String english, String spanish) {
        this.id = id;
        this.rrule = rrule;
        this.english = english;
        this.spanish = spanish;
    }

    public String id() {
        return id;
    }

    public String rrule() {
        return rrule;
    }

    /** The preset's title in the member's language. */
    public String title(Locale locale) {
        return locale != null && "es".equals(locale.getLanguage()) ? spanish : english;
    }

    /** The preset named {@code id}, if there is one. */
    public static Optional<RoutinePreset> of(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}

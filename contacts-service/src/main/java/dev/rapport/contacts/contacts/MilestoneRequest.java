package dev.rapport.contacts.contacts;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** A milestone to record on a contact. */
public record MilestoneRequest(
        @Schema(description = "new-job, promotion, publication, award, birthday or other; a birthday recurs every year")
        @NotNull
        @Pattern(
                regexp = "new-job|promotion|publication|award|birthday|other",
                message = "must be new-job, promotion, publication, award, birthday or other")
        String kind,

        @Size(max = 200) String title,

        @Schema(description = "When it happened; for a birthday, the date of birth (any year)") @NotNull
        LocalDate date,

        @Size(max = 2000) String note) {

    static final String BIRTHDAY = "birthday";

    /** The title of a milestone recorded without one. */
    static String defaultTitle(String kind) {
        return switch (kind) {
            case "new-job" -> "New job";
            case "promotion" -> "Promotion";
            case "publication" -> "Publication";
            case "award" -> "Award";
            case BIRTHDAY -> "Birthday";
            default -> "Milestone";
        };
    }
}

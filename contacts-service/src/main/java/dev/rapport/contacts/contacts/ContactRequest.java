package dev.rapport.contacts.contacts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.rapport.contacts.domain.Tier;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * What a client may set on a contact; the owner and every server-managed field are not part of it.
 * A PATCH sends only the fields to change ({@code null} clears one), as a JSON merge patch.
 */
public record ContactRequest(
        @Size(max = 100) String firstName,
        @Size(max = 100) String lastName,
        @Size(max = 20) List<@Email @Size(max = 254) String> emails,
        @Size(max = 20) List<@Size(max = 40) String> phones,
        @Size(max = 200) String company,
        @Size(max = 200) String title,
        @Size(max = 200) String location,
        @Size(max = 20) List<@Size(max = 500) String> profileUrls,
        @Size(max = 1000) String howWeMet,

        @Schema(description = "Topics the contact cares about; matched against the topics of the member's content")
        @Size(max = 50)
        List<@Size(max = 80) String> interests,

        @Size(max = 10000) String notes,
        @Size(max = 50) List<@Size(max = 80) String> tags,

        @Schema(
                description =
                        "The birthday; year 1604 means the year is not known (as Apple's and Google's contacts do)")
        @Past
        LocalDate birthday,

        @Schema(description = "When the member connected with them (e.g. LinkedIn's Connected On)") @PastOrPresent
        LocalDate connectedOn,

        @Size(max = 80) String source,

        @Schema(description = "inner, strategic, regular (default) or acquaintance; sets the default cadence")
        Tier tier,

        @Schema(description = "The contact's own keep-in-touch cadence in days; null uses the tier's default")
        @Min(1)
        @Max(3650)
        Integer cadenceDays,

        @Schema(description = "Goals (ids from /api/v1/goals) this contact relates to") @Size(max = 20)
        List<@NotBlank String> goalIds) {

    @JsonIgnore
    @AssertTrue(message = "a contact needs a first name, a last name or an e-mail")
    public boolean isNamed() {
        return notBlank(firstName) || notBlank(lastName) || (emails != null && !emails.isEmpty());
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}

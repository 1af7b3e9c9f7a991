package dev.rapport.contacts.exports;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The member's own card, as they write it (the whole card: a PUT replaces it). */
public record MemberCardRequest(
        @Size(max = 100) String firstName,
        @Size(max = 100) String lastName,
        @Size(max = 10) List<@Email @Size(max = 254) String> emails,
        @Size(max = 10) List<@Size(max = 40) String> phones,
        @Size(max = 200) String company,
        @Size(max = 200) String title,
        @Size(max = 200) String location,

        @Schema(description = "LinkedIn profile, personal site, blog …") @Size(max = 10)
        List<@Size(max = 500) String> profileUrls,

        @Schema(description = "A line about yourself, shown as the card's note") @Size(max = 2000)
        String note) {

    @JsonIgnore
    @AssertTrue(message = "a card needs a first name or a last name")
    public boolean isNamed() {
        return (firstName != null && !firstName.isBlank()) || (lastName != null && !lastName.isBlank());
    }
}

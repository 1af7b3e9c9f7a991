package dev.rapport.contacts.interactions;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An interaction to log: when it happened may be in the past, never in the future. */
public record InteractionRequest(
        @NotEmpty @Size(max = 50) List<@NotBlank String> contactIds,

        @NotNull @Pattern(regexp = InteractionTypes.PATTERN, message = "must be one of " + InteractionTypes.LIST)
        String type,

        @Pattern(regexp = "outbound|inbound|mutual", message = "must be outbound, inbound or mutual")
        String direction,

        @NotNull @PastOrPresent Instant occurredAt,
        @Size(max = 5000) String summary,
        @Size(max = 20) List<@Valid PromiseRequest> promises) {

    /** A promise made in the interaction. */
    public record PromiseRequest(
            @NotNull @Pattern(regexp = "me|them", message = "must be me (I owe it) or them (they owe it)")
            String owedBy,

            @NotBlank @Size(max = 500) String what,
            @NotNull LocalDate dueOn) {}
}

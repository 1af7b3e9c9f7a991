package dev.rapport.contacts.capture;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An IMAP mailbox to connect; only message headers are ever read. */
public record MailboxRequest(
        @Schema(description = "The IMAP server, e.g. imap.gmail.com, outlook.office365.com") @NotBlank @Size(max = 253)
        String host,

        @Schema(description = "Default 993 (IMAP over TLS)") @Min(1) @Max(65535)
        Integer port,

        @Schema(
                description = "tls (IMAP over TLS, the default), starttls, or none (refused unless the service"
                        + " allows insecure mailboxes: test servers only)")
        @Pattern(regexp = "tls|starttls|none", message = "must be tls, starttls or none")
        String security,

        @NotBlank @Size(max = 320) String username,

        @Schema(description = "An app password (Google, Microsoft, iCloud): stored encrypted, never shown again")
        @NotBlank
        @Size(max = 500)
        String password,

        @Schema(description = "Your address in this mailbox, when the username is not it") @Email @Size(max = 320)
        String address,

        @Size(max = 100) String name,

        @Schema(description = "Keep subjects as the interactions' summaries (default true)")
        Boolean summaries) {

    @Override
    public String toString() {
        return "MailboxRequest[host=" + host + ", port=" + port + ", security=" + security + ", username=" + username
                + ", password=<secret>, address=" + address + ", name=" + name + ", summaries=" + summaries + "]";
    }
}

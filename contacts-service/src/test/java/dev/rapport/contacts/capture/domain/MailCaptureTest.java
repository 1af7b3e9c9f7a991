package dev.rapport.contacts.capture.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.contacts.capture.domain.MailCapture.Headers;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which way a mail went and with whom, from its headers alone. */
class MailCaptureTest {

    static final Set<String> ME = Set.of("alice@example.org", "alice.doe@work.example");

    static Headers headers(List<String> from, List<String> to, List<String> cc) {
        return new Headers("<abc@mail.example>", from, to, cc, Instant.parse("2026-11-30T10:00:00Z"), "Hi");
    }

    @Test
    void mailFromSomeoneElseIsInboundFromTheSenderOnly() {
        var exchange = MailCapture.exchange(
                headers(List.of("Ana@Example.com"), List.of("alice@example.org"), List.of("jose@example.com")),
                false,
                ME);

        assertThat(exchange.direction()).isEqualTo("inbound");
        assertThat(exchange.counterparties()).containsExactly("ana@example.com");
    }

    @Test
    void mailFromOneOfMyAddressesOrInTheSentFolderIsOutboundToItsRecipientsButMe() {
        var fromAlias = MailCapture.exchange(
                headers(List.of("ALICE.DOE@work.example"), List.of("ana@example.com"), List.of("alice@example.org")),
                false,
                ME);
        var sent = MailCapture.exchange(
                headers(List.of("alias@elsewhere.example"), List.of("ana@example.com"), List.of("jose@example.com")),
                true,
                ME);

        assertThat(fromAlias.direction()).isEqualTo("outbound");
        assertThat(fromAlias.counterparties()).containsExactly("ana@example.com");
        assertThat(sent.direction()).isEqualTo("outbound");
        assertThat(sent.counterparties()).containsExactly("ana@example.com", "jose@example.com");
    }

    @Test
    void aMessageIsKnownByItsMessageIdWithoutCaseOrBracketsElseByItsFolderAndUid() {
        assertThat(MailCapture.key("<ABC@Mail.example>", "INBOX", 7, 42)).isEqualTo("abc@mail.example");
        assertThat(MailCapture.key(null, "INBOX", 7, 42)).isEqualTo("INBOX|7|42");
    }
}

package dev.rapport.contacts.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.rapport.support.outbound.OutboundGuard;
import dev.rapport.support.outbound.OutboundProperties;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The IMAP connection goes to the address the outbound guard vetted, never to a second lookup of the host name
 * (DNS rebinding: a name that answers a public address to the check and an internal one to the connection). The
 * host here is under {@code .invalid} (RFC 6761: never resolves), so only the guard's answer can reach the server.
 */
class PinnedMailboxConnectionTest {

    static final GreenMail MAIL = new GreenMail(ServerSetupTest.IMAP.dynamicPort());

    @BeforeAll
    static void start() {
        MAIL.start();
    }

    @AfterAll
    static void stop() {
        MAIL.stop();
    }

    private static MailboxReader reader(OutboundGuard.Resolver resolver) {
        return new MailboxReader(
                new OutboundGuard(new OutboundProperties(true, false), resolver),
                new CaptureProperties(null, null, null));
    }

    @Test
    void theConnectionGoesToTheAddressTheGuardCheckedNotToASecondLookupOfTheName() throws Exception {
        GreenMailUser user = MAIL.setUser("alice@example.org", "alice@example.org", "app-password");
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("ana.gomez@example.com"));
        message.setRecipients(Message.RecipientType.TO, "alice@example.org");
        message.setSubject("Coffee?");
        message.setSentDate(new Date());
        message.setText("never read");
        message.saveChanges();
        MAIL.getManagers().getImapHostManager().getInbox(user).store(message);
        List<String> checked = new ArrayList<>();

        List<MailboxReader.FolderRead> read = reader(host -> {
                    checked.add(host);
                    return new InetAddress[] {InetAddress.getLoopbackAddress()};
                })
                .read(
                        "imap.rebinding.invalid",
                        MAIL.getImap().getPort(),
                        "none",
                        "alice@example.org",
                        "app-password",
                        List.of(),
                        Instant.now());

        assertThat(checked).containsExactly("imap.rebinding.invalid");
        assertThat(read.getFirst().messages())
                .extracting(r -> r.headers().subject())
                .containsExactly("Coffee?");
    }

    @Test
    void anAddressTheGuardRefusesIsNeverConnectedTo() {
        MailboxReader guarded = new MailboxReader(
                new OutboundGuard(new OutboundProperties(false, false), host ->
                        new InetAddress[] {InetAddress.getLoopbackAddress()}),
                new CaptureProperties(null, null, null));

        assertThatThrownBy(() -> guarded.read(
                        "imap.rebinding.invalid",
                        MAIL.getImap().getPort(),
                        "none",
                        "alice@example.org",
                        "app-password",
                        List.of(),
                        Instant.now()))
                .isInstanceOfSatisfying(
                        MailboxReader.MailboxException.class,
                        e -> assertThat(e.code).isEqualTo("address-refused"));
    }
}

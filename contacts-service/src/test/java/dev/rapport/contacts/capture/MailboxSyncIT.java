package dev.rapport.contacts.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.rapport.testkit.ApiClient;
import dev.rapport.testkit.ApiClient.Answer;
import dev.rapport.testkit.RapportIntegrationTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Mailbox sync against a real IMAP server started by the test (GreenMail): mail with contacts in the inbox and
 * the Sent folder becomes email interactions with their direction, once per Message-ID and contact, the next sync
 * resumes after the last UID, and a wrong password is a status on the mailbox.
 */
@RapportIntegrationTest
class MailboxSyncIT {

    static final ServerSetup IMAP = ServerSetupTest.IMAP.dynamicPort();
    static final GreenMail MAIL = new GreenMail(IMAP);

    static {
        MAIL.start();
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        // The test server listens on loopback without TLS.
        registry.add("rapport.outbound.allow-private", () -> "true");
        registry.add("rapport.contacts.capture.mailboxes.allow-insecure", () -> "true");
        registry.add("rapport.contacts.capture.mailboxes.sweep-interval", () -> "PT1H");
    }

    @AfterAll
    static void stop() {
        MAIL.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    MailboxSync sync;

    String member;
    ApiClient api;
    String address;
    GreenMailUser user;
    String ana;
    String jose;

    @BeforeEach
    void memberWithAMailbox() {
        member = "member-" + UUID.randomUUID();
        api = ApiClient.asMember(port, member);
        address = member + "@example.org";
        user = MAIL.setUser(address, address, "app-password");
        ana = add("Ana", "ana." + member + "@example.com");
        jose = add("José", "jose." + member + "@example.com");
    }

    private String add(String first, String email) {
        Answer answer = api.post("/api/v1/contacts", Map.of("firstName", first, "emails", List.of(email)));
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        return answer.json().get("id").asString();
    }

    private MimeMessage mail(String from, String to, String cc, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO, to);
        if (cc != null) {
            message.setRecipients(Message.RecipientType.CC, cc);
        }
        message.setSubject(subject, "UTF-8");
        message.setSentDate(new Date());
        message.setText("This body is never read.");
        message.saveChanges();
        return message;
    }

    private void receive(MimeMessage message) throws Exception {
        MAIL.getManagers().getImapHostManager().getInbox(user).store(message);
    }

    private void sent(MimeMessage message) throws Exception {
        var manager = MAIL.getManagers().getImapHostManager();
        var folder = manager.getFolder(user, "Sent");
        if (folder == null) {
            folder = manager.createMailbox(user, "Sent");
        }
        folder.store(message);
    }

    private String connect(String password) {
        Map<String, Object> body = new HashMap<>();
        body.put("host", "127.0.0.1");
        body.put("port", MAIL.getImap().getPort());
        body.put("security", "none");
        body.put("username", address);
        body.put("password", password);
        Answer answer = api.post("/api/v1/sync/mailboxes", body);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        assertThat(answer.raw().body()).doesNotContain(password);
        return answer.json().get("id").asString();
    }

    private List<JsonNode> emailsWith(String contactId) {
        List<JsonNode> found = new ArrayList<>();
        api.get("/api/v1/contacts/" + contactId + "/interactions").json().forEach(i -> {
            if ("email".equals(i.get("type").asString())) {
                found.add(i);
            }
        });
        return found;
    }

    @Test
    void mailWithContactsBecomesEmailInteractionsWithTheirDirectionOnceAndTheNextSyncResumes() throws Exception {
        receive(mail("ana." + member + "@example.com", address, null, "¿Comemos el jueves?"));
        receive(mail("bob@stranger.example", address, null, "An offer"));
        sent(mail(
                address,
                "ana." + member + "@example.com",
                "jose." + member + "@example.com, " + address,
                "Re: ¿Comemos el jueves?"));
        String id = connect("app-password");

        assertThat(sync.sync(id)).isTrue();

        assertThat(emailsWith(ana))
                .extracting(i ->
                        i.get("direction").asString() + " " + i.get("summary").asString())
                .containsExactlyInAnyOrder("inbound ¿Comemos el jueves?", "outbound Re: ¿Comemos el jueves?");
        assertThat(emailsWith(jose))
                .extracting(i -> i.get("direction").asString())
                .containsExactly("outbound");
        JsonNode mailbox = api.get("/api/v1/sync/mailboxes/" + id).json();
        assertThat(mailbox.get("status").asString()).isEqualTo("ok");
        assertThat(mailbox.get("messagesRead").asLong()).isEqualTo(3);
        assertThat(mailbox.get("interactionsLogged").asLong()).isEqualTo(3);
        assertThat(mailbox.toString()).doesNotContain("app-password");
        Answer export = api.get("/api/v1/me/export");
        assertThat(export.json().get("mailboxes").get(0).get("username").asString())
                .isEqualTo(address);
        assertThat(export.raw().body()).doesNotContain("app-password").doesNotContain("This body is never read");

        sync.sync(id);
        assertThat(emailsWith(ana)).as("nothing twice").hasSize(2);

        receive(mail("ana." + member + "@example.com", address, null, "Hasta el jueves"));
        sync.sync(id);

        assertThat(emailsWith(ana)).hasSize(3);
        assertThat(api.get("/api/v1/sync/mailboxes/" + id)
                        .json()
                        .get("messagesRead")
                        .asLong())
                .as("the next sync reads only what came after the last UID")
                .isEqualTo(4);
    }

    @Test
    void aWrongPasswordIsAStatusOnTheMailboxAndAnotherMembersMailboxIsNotFound() {
        String id = connect("not-the-password");

        sync.sync(id);

        JsonNode mailbox = api.get("/api/v1/sync/mailboxes/" + id).json();
        assertThat(mailbox.get("status").asString()).isEqualTo("error");
        assertThat(mailbox.get("error").get("code").asString()).isEqualTo("wrong-credentials");
        ApiClient other = ApiClient.asMember(port, "member-" + UUID.randomUUID());
        assertThat(other.get("/api/v1/sync/mailboxes/" + id).status()).isEqualTo(404);
    }
}

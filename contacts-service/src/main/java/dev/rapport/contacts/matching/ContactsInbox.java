package dev.rapport.contacts.matching;

import dev.rapport.contracts.events.ContentPublished;
import dev.rapport.support.events.EventInbox;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The events contacts-service acts on: content the member published (from content-service). */
@Configuration
class ContactsInbox {

    @Bean
    Consumer<Message<byte[]>> inbox(EventInbox inbox, ContentMatching matching) {
        return inbox.consumer(event -> {
            if (event instanceof ContentPublished published) {
                matching.on(published);
            }
        });
    }
}

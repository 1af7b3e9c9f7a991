package dev.rapport.content.privacy;

import dev.rapport.support.events.EventInbox;
import dev.rapport.support.events.EventRoutes;
import dev.rapport.support.privacy.MemberErasure;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The events content-service consumes: erasure requests from contacts-service, which the guard serves. contacts.events
 * carries every contacts event: the inbox spends no store operation on the rest.
 */
@Configuration
class ContentInbox {

    @Bean
    Consumer<Message<byte[]>> inbox(EventInbox inbox, MemberErasure erasure) {
        return inbox.consumer(erasure.guarding(new EventRoutes()));
    }
}

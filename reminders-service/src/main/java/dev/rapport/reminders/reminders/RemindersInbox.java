package dev.rapport.reminders.reminders;

import dev.rapport.support.events.EventInbox;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The events reminders-service acts on, from contacts-service and content-service. */
@Configuration
class RemindersInbox {

    @Bean
    Consumer<Message<byte[]>> inbox(EventInbox inbox, EventReactions reactions) {
        return inbox.consumer(reactions::on);
    }
}

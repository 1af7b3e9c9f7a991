package dev.rapport.reminders.reminders;

import dev.rapport.support.events.EventInbox;
import dev.rapport.support.privacy.MemberErasure;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The events reminders-service acts on, from contacts-service and content-service; erasure requests, and
 * the events of erased members, go through {@link MemberErasure} first.
 */
@Configuration
class RemindersInbox {

    @Bean
    Consumer<Message<byte[]>> inbox(EventInbox inbox, MemberErasure erasure, EventReactions reactions) {
        return inbox.consumer(erasure.guarding(reactions.handler()));
    }
}

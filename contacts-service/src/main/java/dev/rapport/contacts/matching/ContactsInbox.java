package dev.rapport.contacts.matching;

import dev.rapport.contacts.privacy.ErasureRequests;
import dev.rapport.contracts.events.ContentPublished;
import dev.rapport.contracts.events.MemberDataErased;
import dev.rapport.support.events.EventInbox;
import dev.rapport.support.events.EventRoutes;
import dev.rapport.support.privacy.MemberErasure;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The events contacts-service acts on: content the member published (from content-service), and the
 * erasure protocol — its own MemberErasureRequested and every service's MemberDataErased. Erasure requests,
 * and the events of erased members, go through {@link MemberErasure} first. contacts.events carries every event this
 * service publishes: the inbox spends no store operation on the types routed nowhere.
 */
@Configuration
class ContactsInbox {

    @Bean
    Consumer<Message<byte[]>> inbox(
            EventInbox inbox, MemberErasure erasure, ContentMatching matching, ErasureRequests erasures) {
        return inbox.consumer(erasure.guarding(new EventRoutes()
                .on(ContentPublished.class, matching::on)
                .on(MemberDataErased.class, erasures::confirmed)));
    }
}

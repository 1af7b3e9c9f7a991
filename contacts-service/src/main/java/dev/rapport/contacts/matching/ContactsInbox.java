package dev.rapport.contacts.matching;

import dev.rapport.contacts.privacy.ErasureRequests;
import dev.rapport.contracts.events.ContentPublished;
import dev.rapport.contracts.events.DomainEvent;
import dev.rapport.contracts.events.EventCatalog;
import dev.rapport.contracts.events.MemberDataErased;
import dev.rapport.contracts.events.MemberErasureRequested;
import dev.rapport.support.events.CloudEventHeaders;
import dev.rapport.support.events.EventInbox;
import dev.rapport.support.privacy.MemberErasure;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The events contacts-service acts on: content the member published (from content-service), and the
 * erasure protocol — its own MemberErasureRequested and every service's MemberDataErased. Erasure requests,
 * and the events of erased members, go through {@link MemberErasure} first.
 */
@Configuration
class ContactsInbox {

    private static final Set<Class<? extends DomainEvent>> ACTED_ON =
            Set.of(ContentPublished.class, MemberErasureRequested.class, MemberDataErased.class);

    @Bean
    Consumer<Message<byte[]>> inbox(
            EventInbox inbox, MemberErasure erasure, ContentMatching matching, ErasureRequests erasures) {
        Consumer<Message<byte[]>> consumer = inbox.consumer(erasure.guarding(event -> {
            switch (event) {
                case ContentPublished published -> matching.on(published);
                case MemberDataErased confirmation -> erasures.confirmed(confirmation);
                default -> {}
            }
        }));
        return message -> {
            // contacts.events carries every event this service publishes; the few it acts on are let through
            // before the inbox spends reads and writes on the rest. Records without a type still reach the
            // inbox, which dead-letters them.
            String type = CloudEventHeaders.get(message, CloudEventHeaders.TYPE);
            if (type == null
                    || EventCatalog.classOf(type).filter(ACTED_ON::contains).isPresent()) {
                consumer.accept(message);
            }
        };
    }
}

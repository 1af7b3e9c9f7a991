package dev.rapport.content.privacy;

import dev.rapport.contracts.events.EventCatalog;
import dev.rapport.contracts.events.MemberErasureRequested;
import dev.rapport.support.events.CloudEventHeaders;
import dev.rapport.support.events.EventInbox;
import dev.rapport.support.privacy.MemberErasure;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The events content-service consumes: erasure requests from contacts-service. */
@Configuration
class ContentInbox {

    @Bean
    Consumer<Message<byte[]>> inbox(EventInbox inbox, MemberErasure erasure) {
        // Erasure requests are the only other-service events content-service acts on; the guard serves them.
        Consumer<Message<byte[]>> consumer = inbox.consumer(erasure.guarding(event -> {}));
        return message -> {
            // contacts.events carries every contacts event: only erasure requests go on to the inbox, which
            // would otherwise spend reads and writes on each of the rest. Records without a type still reach
            // it, and are dead-lettered.
            String type = CloudEventHeaders.get(message, CloudEventHeaders.TYPE);
            if (type == null
                    || EventCatalog.classOf(type)
                            .filter(MemberErasureRequested.class::equals)
                            .isPresent()) {
                consumer.accept(message);
            }
        };
    }
}

package dev.rapport.support.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

/** A {@code Consumer<Message<byte[]>>} gets a JSON record's bytes as they were sent, by the function catalog. */
class EventBytesConverterTest {

    /** A JSON document that Jackson, asked for a byte array, reads as base64: "hello". */
    private static final byte[] BASE64_JSON = "\"aGVsbG8=\"".getBytes(StandardCharsets.UTF_8);

    private static final byte[] EVENT = "{\"eventId\":\"e-1\",\"memberId\":\"m-1\"}".getBytes(StandardCharsets.UTF_8);

    private final ApplicationContextRunner catalog = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ContextFunctionCatalogAutoConfiguration.class))
            .withBean("inbox", Received.class);

    @Test
    void theConsumerGetsTheRecordsBytesAsSent() {
        catalog.withBean(EventBytesConverter.class).run(context -> {
            assertThat(delivered(context, EVENT)).isEqualTo(EVENT);
            assertThat(delivered(context, BASE64_JSON)).isEqualTo(BASE64_JSON);
        });
    }

    @Test
    void withoutItTheCatalogReadsTheJsonAsABase64ByteArray() {
        // Why the converter is there: the catalog's own JSON converter answers first otherwise.
        catalog.run(context -> assertThat(new String(delivered(context, BASE64_JSON), StandardCharsets.UTF_8))
                .isEqualTo("hello"));
    }

    @Test
    void itConvertsNothingElse() {
        EventBytesConverter converter = new EventBytesConverter();
        Message<String> text = MessageBuilder.withPayload("{}").build();
        assertThat(converter.fromMessage(text, byte[].class)).isNull();
        assertThat(converter.fromMessage(MessageBuilder.withPayload(EVENT).build(), String.class))
                .isNull();
        assertThat(converter.toMessage(EVENT, new MessageHeaders(null))).isNull();
    }

    private static byte[] delivered(ApplicationContext context, byte[] payload) {
        FunctionInvocationWrapper inbox = context.getBean(FunctionCatalog.class).lookup("inbox");
        inbox.apply(MessageBuilder.withPayload(payload)
                .setHeader(MessageHeaders.CONTENT_TYPE, "application/json")
                .build());
        return context.getBean("inbox", Received.class).payloads.getLast();
    }

    /** A consumer of whole records, as the inbox is, that keeps what it was given. */
    static final class Received implements Consumer<Message<byte[]>> {

        final List<byte[]> payloads = new ArrayList<>();

        @Override
        public void accept(Message<byte[]> message) {
            payloads.add(message.getPayload());
        }
    }
}

package dev.rapport.support.events;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.AbstractMessageConverter;
import org.springframework.util.MimeTypeUtils;

/**
 * Hands a record's bytes as they are to the consumers that read them themselves ({@code Consumer<Message<byte[]>>}:
 * the {@link EventInbox} and the webhook fan-out). Spring Cloud Function's own converters, asked for {@code byte[]}
 * from a record whose content type is {@code application/json}, first try to read the JSON <em>as</em> a byte
 * array: for an event (a JSON object) that throws and catches two exceptions per record before the bytes are passed
 * on, a fifth of a consumer thread's time in a profile of the interactions benchmark; and a record whose JSON is a
 * base64 string would be decoded instead of passed on. User converters are consulted first, so this one answers
 * before them. It converts nothing else, and never to a message.
 */
public final class EventBytesConverter extends AbstractMessageConverter {

    public EventBytesConverter() {
        super(List.of(MimeTypeUtils.APPLICATION_JSON, MimeTypeUtils.APPLICATION_OCTET_STREAM));
    }

    @Override
    protected boolean supports(Class<?> type) {
        return type == byte[].class;
    }

    @Override
    protected boolean canConvertFrom(Message<?> message, @Nullable Class<?> targetClass) {
        return targetClass == byte[].class && message.getPayload() instanceof byte[];
    }

    @Override
    protected Object convertFromInternal(Message<?> message, Class<?> targetClass, @Nullable Object conversionHint) {
        return message.getPayload();
    }

    @Override
    protected boolean canConvertTo(Object payload, @Nullable MessageHeaders headers) {
        return false;
    }
}

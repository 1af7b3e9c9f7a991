package dev.rapport.reminders.reminders;

import dev.rapport.reminders.reminders.domain.ReminderKind;
import dev.rapport.reminders.reminders.domain.ReminderStatus;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

/**
 * How a reminder's closed vocabularies are stored: {@link ReminderKind} and {@link ReminderStatus} as their wire
 * names ({@code follow-up}, {@code snoozed} …), the strings stored before they were enums and that queries, indexes
 * and other readers of the collection use, instead of Spring Data's default of the constant's name.
 */
@Configuration(proxyBeanMethods = false)
public class ReminderStorage {

    /** The store's conversions: Boot's (none here beyond its defaults) and the reminders' vocabularies. */
    @Bean
    MongoCustomConversions mongoCustomConversions() {
        return MongoCustomConversions.create(conversions -> conversions.registerConverters(CONVERTERS));
    }

    static final List<Converter<?, ?>> CONVERTERS =
            List.of(new KindToWire(), new WireToKind(), new StatusToWire(), new WireToStatus());

    @WritingConverter
    static final class KindToWire implements Converter<ReminderKind, String> {
        @Override
        public String convert(ReminderKind kind) {
            return kind.id();
        }
    }

    /** A kind this build does not know reads as absent (shown as a manual reminder), as it did as a string. */
    @ReadingConverter
    static final class WireToKind implements Converter<String, ReminderKind> {
        @Override
        public ReminderKind convert(String wire) {
            return ReminderKind.of(wire).orElse(null);
        }
    }

    @WritingConverter
    static final class StatusToWire implements Converter<ReminderStatus, String> {
        @Override
        public String convert(ReminderStatus status) {
            return status.id();
        }
    }

    @ReadingConverter
    static final class WireToStatus implements Converter<String, ReminderStatus> {
        @Override
        public ReminderStatus convert(String wire) {
            return ReminderStatus.of(wire).orElse(null);
        }
    }
}

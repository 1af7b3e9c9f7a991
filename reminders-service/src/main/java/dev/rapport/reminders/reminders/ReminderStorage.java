package dev.rapport.reminders.reminders;

import dev.rapport.reminders.reminders.domain.ReminderKind;
import dev.rapport.reminders.reminders.domain.ReminderStatus;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.convert.ConverterBuilder;
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
        return MongoCustomConversions.create(conversions -> conversions.registerConverters(List.of(
                asWireName(ReminderKind.class, ReminderKind::id, ReminderKind::of),
                asWireName(ReminderStatus.class, ReminderStatus::id, ReminderStatus::of))));
    }

    /**
     * Writes {@code type} as its wire name and reads it back; a name this build does not know reads as absent (a
     * reminder of an unknown kind shows as a manual one, as it did when the kind was a string).
     */
    private static <E extends Enum<E>> ConverterBuilder.ConverterAware asWireName(
            Class<E> type, Function<E, String> wireName, Function<String, Optional<E>> named) {
        return ConverterBuilder.writing(type, String.class, wireName)
                .andReading(wire -> named.apply(wire).orElse(null));
    }
}

package dev.rapport.reminders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** reminders-service: reminders, routines, the daily digest, notifications and the calendar feed. */
@SpringBootApplication
@EnableConfigurationProperties(RemindersProperties.class)
public class RemindersApplication {

    public static void main(String[] args) {
        SpringApplication.run(RemindersApplication.class, args);
    }
}

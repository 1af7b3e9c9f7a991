package dev.rapport.contacts;

import dev.rapport.contacts.directory.DirectoryProperties;
import dev.rapport.contacts.directory.Pauses;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** contacts-service: members' contacts, interactions, goals, groups and the keep-in-touch engine. */
@SpringBootApplication
@EnableConfigurationProperties({ContactsProperties.class, DirectoryProperties.class})
public class ContactsApplication {

    /** Real waits between the directory client's attempts (tests replace it to see them without waiting). */
    @Bean
    @ConditionalOnMissingBean
    Pauses directoryPauses() {
        return Pauses.sleeping();
    }

    public static void main(String[] args) {
        SpringApplication.run(ContactsApplication.class, args);
    }
}

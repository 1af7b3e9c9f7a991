package dev.rapport.contacts;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** contacts-service: members' contacts, interactions, goals, groups and the keep-in-touch engine. */
@SpringBootApplication
@EnableConfigurationProperties(ContactsProperties.class)
public class ContactsApplication {

    public static void main(String[] args) {
        SpringApplication.run(ContactsApplication.class, args);
    }
}

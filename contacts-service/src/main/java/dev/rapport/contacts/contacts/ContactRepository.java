package dev.rapport.contacts.contacts;

import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

/** Contacts, always looked up within one member's network. */
public interface ContactRepository extends MongoRepository<ContactDocument, String> {

    Optional<ContactDocument> findByIdAndMemberId(String id, String memberId);
}

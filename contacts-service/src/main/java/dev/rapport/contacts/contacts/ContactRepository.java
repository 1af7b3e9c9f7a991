package dev.rapport.contacts.contacts;

import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

/** Contacts, always looked up within one member's network. */
public interface ContactRepository extends MongoRepository<ContactDocument, String> {

    /**
     * A member's contact by id: looked up by {@code _id} alone, which every store serves from its primary index
     * (the embedded store scans the collection for {@code _id} and {@code memberId} together), with the member
     * checked on the document read; another member's contact is absent.
     */
    default Optional<ContactDocument> findOwned(String id, String memberId) {
        return findById(id).filter(contact -> memberId.equals(contact.getMemberId()));
    }
}

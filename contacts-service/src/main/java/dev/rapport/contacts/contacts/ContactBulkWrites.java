package dev.rapport.contacts.contacts;

import dev.rapport.contacts.ContactsProperties;
import dev.rapport.contacts.domain.Cadences;
import dev.rapport.support.events.Aggregates;
import dev.rapport.support.mongo.OptimisticRetry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Service;

/** Adds and changes many contacts of one member at once (imports and duplicate merges), each with its event. */
@Service
public class ContactBulkWrites {

    private final ContactRepository contacts;
    private final Aggregates aggregates;
    private final MemberCadences cadences;
    private final ContactPatches patches;
    private final ContactsProperties properties;
    private final Clock clock;

    ContactBulkWrites(
            ContactRepository contacts,
            Aggregates aggregates,
            MemberCadences cadences,
            ContactPatches patches,
            ContactsProperties properties,
            Clock clock) {
        this.contacts = contacts;
        this.aggregates = aggregates;
        this.cadences = cadences;
        this.patches = patches;
        this.properties = properties;
        this.clock = clock;
    }

    /** What {@link #addAndChange} did: the ids of the contacts created (in order) and of those changed. */
    public record BulkResult(List<String> createdIds, List<String> changedIds) {}

    /**
     * Adds and changes many contacts of one member at once (imports), each with its
     * {@code ContactAdded} or {@code ContactUpdated} in its own outbox exactly as {@link ContactService#add} and
     * {@link ContactService#update} do. New contacts are inserted in batches; a change is a function of the
     * contact's current details, applied again on fresh state when it lost a race with another write,
     * so that nothing the member changed meanwhile is overwritten.
     */
    public BulkResult addAndChange(
            String memberId,
            String tenantId,
            List<ContactRequest> additions,
            Map<String, UnaryOperator<ContactRequest>> changes) {
        Cadences memberCadences = cadences.of(memberId);
        List<String> created = new ArrayList<>();
        for (List<ContactRequest> chunk : ContactQueries.chunks(additions)) {
            Instant now = clock.instant();
            List<ContactDocument> batch = new ArrayList<>(chunk.size());
            for (ContactRequest request : chunk) {
                ContactDocument contact = new ContactDocument(new ObjectId().toHexString(), memberId, tenantId, now);
                contact.edit(request, List.of(), memberCadences);
                contact.scheduleBirthday(now, properties.birthdays().leadDays());
                contact.recordAdded();
                batch.add(contact);
            }
            aggregates.insertAll(batch, ContactDocument.class);
            batch.forEach(contact -> created.add(contact.getId()));
        }
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, UnaryOperator<ContactRequest>> change : changes.entrySet()) {
            OptimisticRetry.retry(ContactService.RETRIES, () -> {
                Optional<ContactDocument> found = contacts.findOwned(change.getKey(), memberId);
                if (found.isEmpty()) {
                    return;
                }
                ContactDocument contact = found.get();
                ContactRequest before = patches.requestOf(contact);
                ContactRequest after = change.getValue().apply(before);
                List<String> fields = patches.changedFields(before, after);
                if (fields.isEmpty()) {
                    return;
                }
                Instant now = clock.instant();
                LocalDate birthdayBefore = contact.birthday;
                contact.edit(after, contact.goalIds, memberCadences);
                if (!Objects.equals(birthdayBefore, contact.birthday)) {
                    contact.scheduleBirthday(now, properties.birthdays().leadDays());
                }
                contact.updatedAt = now;
                contact.recordUpdated(fields);
                aggregates.save(contact);
                changed.add(contact.getId());
            });
        }
        return new BulkResult(List.copyOf(created), List.copyOf(changed));
    }
}

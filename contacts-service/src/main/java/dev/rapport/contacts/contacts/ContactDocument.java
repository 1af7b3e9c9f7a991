package dev.rapport.contacts.contacts;

import dev.rapport.contacts.domain.Birthdays;
import dev.rapport.contacts.domain.Cadences;
import dev.rapport.contacts.domain.KeepInTouch;
import dev.rapport.contacts.domain.MatchKeys;
import dev.rapport.contacts.domain.SearchText;
import dev.rapport.contacts.domain.Tier;
import dev.rapport.contracts.events.ContactAdded;
import dev.rapport.contracts.events.ContactArchived;
import dev.rapport.contracts.events.ContactGoneStale;
import dev.rapport.contracts.events.ContactReengaged;
import dev.rapport.contracts.events.ContactTier;
import dev.rapport.contracts.events.ContactUpdated;
import dev.rapport.contracts.events.EventHeader;
import dev.rapport.contracts.events.InteractionKind;
import dev.rapport.contracts.events.InteractionRemoved;
import dev.rapport.contracts.events.MilestoneKind;
import dev.rapport.contracts.events.MilestoneRecorded;
import dev.rapport.support.events.OutboxDocument;
import dev.rapport.support.web.InputCleaning;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.data.mongodb.core.mapping.Document;

/** A contact of one member, with its keep-in-touch clock, staleness episodes and milestones, as stored. */
@Document("contacts")
public class ContactDocument extends OutboxDocument {

    String firstName;
    String lastName;
    List<String> emails = new ArrayList<>();
    List<String> phones = new ArrayList<>();
    String company;
    String title;
    String location;
    List<String> profileUrls = new ArrayList<>();
    String howWeMet;
    List<String> interests = new ArrayList<>();
    String notes;
    List<String> tags = new ArrayList<>();
    LocalDate birthday;
    /** When the member connected with them (LinkedIn's "Connected On"), when a source says. */
    LocalDate connectedOn;

    String source;
    List<String> goalIds = new ArrayList<>();
    Tier tier;
    /** The contact's own cadence; null means the tier's (the member's default for it). */
    Integer cadenceDays;
    /** The cadence in force, kept here so that the sweep needs no other document. */
    int cadenceInForce;

    Instant lastInteractionAt;
    String lastInteractionSummary;
    Instant nextTouchDueAt;
    /** Whether a staleness episode is running: set by the sweep, cleared by re-engagement. */
    boolean stale;

    Instant staleSince;
    /** How many staleness episodes there have been. */
    int episode;
    /** When the next birthday's MilestoneRecorded is due (null without a birthday). */
    Instant nextBirthdayNoticeAt;

    List<Milestone> milestones = new ArrayList<>();
    boolean archived;
    Instant createdAt;
    Instant updatedAt;
    String searchText;
    /** Normalized profile URLs and e-mails ({@link MatchKeys#of}), by which the alumni directory finds the contact. */
    List<String> matchKeys = new ArrayList<>();
    /** The alumni-directory profile this contact is linked to, as last synced; null when not linked. */
    DirectoryLink directory;

    protected ContactDocument() {}

    ContactDocument(String id, String memberId, String tenantId, Instant now) {
        this.id = id;
        this.memberId = memberId;
        this.tenantId = tenantId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The name shown to the member. */
    public String displayName() {
        String name = Stream.of(firstName, lastName)
                .filter(part -> part != null && !part.isBlank())
                .collect(Collectors.joining(" "));
        return name.isEmpty() ? emails.stream().findFirst().orElse("(unnamed)") : name;
    }

    /** The cadence in force: the contact's own, or the member's default for its tier. */
    public int effectiveCadenceDays() {
        return cadenceInForce > 0 ? cadenceInForce : Cadences.DEFAULTS.inForce(cadenceDays, tier);
    }

    /** Recomputes what derives from the stored fields, with the member's cadences. */
    void refreshDerived(Cadences cadences) {
        cadenceInForce = cadences.inForce(cadenceDays, tier);
        nextTouchDueAt = KeepInTouch.nextTouchDueAt(lastInteractionAt, createdAt, cadenceInForce);
        searchText = SearchText.of(firstName, lastName, company, String.join(" ", emails));
        matchKeys = MatchKeys.of(emails, profileUrls);
    }

    /**
     * Schedules the announcement of the next birthday; called only when the birthday itself changes,
     * so that an edit of another field never announces the same birthday twice.
     */
    void scheduleBirthday(Instant now, int leadDays) {
        nextBirthdayNoticeAt = birthday == null
                ? null
                : Birthdays.next(birthday, LocalDate.ofInstant(now, ZoneOffset.UTC), leadDays)
                        .announceAt();
    }

    /** Whether one of these removed interactions is what set the keep-in-touch clock (none older than it did). */
    public boolean clockSetByAnyOf(List<RemovedInteraction> removed) {
        return lastInteractionAt != null
                && removed.stream().anyMatch(r -> !r.occurredAt().isBefore(lastInteractionAt));
    }

    /**
     * Interactions with this contact were removed: when one of them set the clock, it goes back to the newest
     * remaining interaction ({@code newestAt}, null when none is left: then to when the contact was added), and
     * each removal is announced with {@code InteractionRemoved}. A staleness episode the removed interaction
     * ended is not reopened here: the clock's lapse is the sweep's to find, as for any contact.
     */
    public void interactionsRemoved(List<RemovedInteraction> removed, Instant newestAt, String newestSummary) {
        if (clockSetByAnyOf(removed)) {
            lastInteractionAt = newestAt;
            lastInteractionSummary = newestAt == null ? null : newestSummary;
            nextTouchDueAt = KeepInTouch.nextTouchDueAt(lastInteractionAt, createdAt, effectiveCadenceDays());
        }
        for (RemovedInteraction r : removed) {
            record(h -> new InteractionRemoved(
                    h,
                    r.interactionId(),
                    id,
                    InteractionKind.of(r.type()),
                    r.occurredAt(),
                    List.copyOf(r.promiseIds()),
                    lastInteractionAt,
                    lastInteractionSummary));
        }
    }

    /**
     * Sets the contact's details from a request (text stripped, blank as absent, lists cleaned) and the
     * derived fields that follow from them.
     */
    void edit(ContactRequest r, List<String> goalIds, Cadences cadences) {
        firstName = InputCleaning.trim(r.firstName());
        lastName = InputCleaning.trim(r.lastName());
        emails = InputCleaning.clean(r.emails());
        phones = InputCleaning.clean(r.phones());
        company = InputCleaning.trim(r.company());
        title = InputCleaning.trim(r.title());
        location = InputCleaning.trim(r.location());
        profileUrls = InputCleaning.clean(r.profileUrls());
        howWeMet = InputCleaning.trim(r.howWeMet());
        interests = InputCleaning.clean(r.interests());
        notes = r.notes();
        tags = InputCleaning.clean(r.tags());
        birthday = r.birthday();
        connectedOn = r.connectedOn();
        source = Optional.ofNullable(InputCleaning.trim(r.source())).orElse("manual");
        tier = Optional.ofNullable(r.tier()).orElse(Tier.REGULAR);
        cadenceDays = r.cadenceDays();
        this.goalIds = new ArrayList<>(goalIds);
        refreshDerived(cadences);
    }

    /**
     * Moves the keep-in-touch clock for an interaction at {@code at}: an interaction older than the latest, or one
     * applied already, changes nothing; the first one that brings a stale contact back within its cadence ends the
     * staleness episode with {@code ContactReengaged}.
     *
     * @return whether the contact changed
     */
    boolean touch(Instant at, String summary, String interactionId, Instant now) {
        KeepInTouch.Touch touch =
                KeepInTouch.touch(lastInteractionAt, createdAt, effectiveCadenceDays(), stale, at, now);
        if (!touch.moved()) {
            return false;
        }
        lastInteractionAt = touch.lastInteractionAt();
        lastInteractionSummary = summary;
        nextTouchDueAt = touch.nextTouchDueAt();
        if (touch.reengaged()) {
            stale = false;
            staleSince = null;
            record(h -> new ContactReengaged(h, getId(), displayName(), episode, interactionId, at));
        }
        return true;
    }

    /**
     * Starts the next staleness episode with {@code ContactGoneStale} when the cadence has lapsed at {@code now}
     * ({@link KeepInTouch#lapsed}: overdue, not in an episode already, not archived); otherwise changes nothing.
     *
     * @return whether an episode started
     */
    boolean startStaleness(Instant now) {
        if (!KeepInTouch.lapsed(nextTouchDueAt, stale, archived, now)) {
            return false;
        }
        stale = true;
        staleSince = nextTouchDueAt;
        int started = ++episode;
        record(h -> new ContactGoneStale(
                h.at(now),
                id,
                displayName(),
                ContactTier.of(tier.id()),
                lastInteractionAt,
                lastInteractionSummary,
                effectiveCadenceDays(),
                nextTouchDueAt,
                started,
                interests));
        return true;
    }

    /** Archives the contact with {@code ContactArchived}; an archived one is left as it is (answers false). */
    boolean archive(Instant now) {
        if (archived) {
            return false;
        }
        archived = true;
        updatedAt = now;
        record(h -> new ContactArchived(h, getId(), displayName()));
        return true;
    }

    /** Brings an archived contact back, announced as a {@code ContactUpdated} of {@code archived}. */
    boolean restore(Instant now) {
        if (!archived) {
            return false;
        }
        archived = false;
        updatedAt = now;
        recordUpdated(List.of("archived"));
        return true;
    }

    /** Records {@code ContactAdded} in the contact's outbox. */
    void recordAdded() {
        record(h -> new ContactAdded(h, getId(), displayName(), ContactTier.of(tier.id()), tags, interests, source));
    }

    /** Records {@code ContactUpdated} of the {@code changed} fields in the contact's outbox. */
    void recordUpdated(List<String> changed) {
        record(h -> new ContactUpdated(
                h, getId(), displayName(), ContactTier.of(tier.id()), tags, interests, changed, birthday));
    }

    /**
     * Adds a milestone with its {@code MilestoneRecorded} in the contact's outbox.
     *
     * @param date when it happened, as the member recorded it
     * @param announced the date the event carries (for a birthday, the occurrence announced)
     */
    Milestone addMilestone(
            String milestoneId,
            String kind,
            String title,
            LocalDate date,
            LocalDate announced,
            String note,
            boolean recurringYearly,
            Instant now) {
        Milestone milestone = new Milestone(milestoneId, kind, title, date, note, now);
        milestones.add(milestone);
        record(h -> milestoneRecorded(h, milestoneId, MilestoneKind.of(kind), title, announced, recurringYearly));
        return milestone;
    }

    /**
     * Announces the birthday due at {@code now} with {@code MilestoneRecorded} (the milestone id a birthday of that
     * year always has) and schedules the next announcement; false when none is due.
     */
    boolean announceBirthday(Instant now, int leadDays, String title) {
        if (archived || birthday == null || nextBirthdayNoticeAt == null || nextBirthdayNoticeAt.isAfter(now)) {
            return false;
        }
        LocalDate occurrence =
                Birthdays.nextOccurrence(birthday, LocalDate.ofInstant(nextBirthdayNoticeAt, ZoneOffset.UTC));
        String milestoneId = birthdayMilestoneId(getId(), occurrence);
        record(h -> milestoneRecorded(h.at(now), milestoneId, MilestoneKind.BIRTHDAY, title, occurrence, true));
        nextBirthdayNoticeAt = Birthdays.after(birthday, occurrence, leadDays).announceAt();
        return true;
    }

    private MilestoneRecorded milestoneRecorded(
            EventHeader h, String id, MilestoneKind kind, String title, LocalDate announced, boolean yearly) {
        return new MilestoneRecorded(
                h, id, getId(), displayName(), kind, title, announced, yearly, yearly ? birthday : null);
    }

    /** The id of the milestone of one year's birthday: the same whoever announces it, so consumers can de-duplicate. */
    static String birthdayMilestoneId(String contactId, LocalDate occurrence) {
        return contactId + "-birthday-" + occurrence.getYear();
    }

    public Instant getNextTouchDueAt() {
        return nextTouchDueAt;
    }

    public Instant getLastInteractionAt() {
        return lastInteractionAt;
    }

    public Tier getTier() {
        return tier;
    }

    public List<String> getInterests() {
        return interests;
    }

    public List<String> getTags() {
        return tags;
    }

    public List<String> getGoalIds() {
        return goalIds;
    }

    public boolean isStale() {
        return stale;
    }

    public int getEpisode() {
        return episode;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}

package dev.rapport.contacts;

import dev.rapport.support.mongo.DeclaredIndexes;
import dev.rapport.support.mongo.IndexDeclaration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Every MongoDB index of the contacts service, in one place: created at start-up ({@code IndexCreator}), and the
 * integration tests fail on a query none of them serves ({@code IndexCoverageIT}). See docs/operations.md.
 */
@Component
public class ContactsIndexes implements DeclaredIndexes {

    static final List<IndexDeclaration> ALL = List.of(
            // the contact list (cursor on _id, archived or not, optional filters), network views, exports
            IndexDeclaration.of("contacts", "member_archived_id", "memberId", "archived", "_id"),
            // every contact of a member (imports' identities, exports with archived ones, cadence changes)
            IndexDeclaration.of("contacts", "member_id", "memberId", "_id"),
            IndexDeclaration.of("contacts", "member_next_touch", "memberId", "nextTouchDueAt"),
            // the staleness and birthday sweeps, earliest due first, for every member at once
            IndexDeclaration.of("contacts", "next_touch", "nextTouchDueAt"),
            IndexDeclaration.of("contacts", "next_birthday_notice", "nextBirthdayNoticeAt"),
            // the alumni directory: matching a tenant's contacts to directory profiles
            IndexDeclaration.of("contacts", "directory_match", "tenantId", "matchKeys"),
            IndexDeclaration.of("contacts", "directory_profile", "tenantId", "directory.profileId"),
            // one contact's interactions, newest first, and its health (the last year)
            IndexDeclaration.of("interactions", "member_contact_occurred", "memberId", "contactIds", "-occurredAt"),
            // network health and interest matching: the member's last year
            IndexDeclaration.of("interactions", "member_occurred", "memberId", "occurredAt", "_id"),
            IndexDeclaration.of("interactions", "member_open_promises", "memberId", "promises.done"),
            // interactions whose contacts' clocks are not moved yet, oldest first
            IndexDeclaration.of("interactions", "logged", "loggedAt"),
            IndexDeclaration.of("interactions", "member_logged", "memberId", "loggedAt", "_id"),
            IndexDeclaration.of("groups", "member_id", "memberId", "_id"),
            IndexDeclaration.of("groups", "member_goal", "memberId", "goalIds"),
            IndexDeclaration.of("groups", "next_participation", "nextParticipationDueAt"),
            IndexDeclaration.of("goals", "member_id", "memberId", "_id"),
            IndexDeclaration.of("erasure_requests", "member_requested", "memberId", "requestedAt", "_id"),
            // the member's data export, oldest first
            IndexDeclaration.of("contacts", "member_created", "memberId", "createdAt", "_id"),
            IndexDeclaration.of("goals", "member_created", "memberId", "createdAt", "_id"),
            IndexDeclaration.of("groups", "member_created", "memberId", "createdAt", "_id"),
            IndexDeclaration.of("share_suggestions", "member_created", "memberId", "createdAt", "_id"),
            // imports: a member's open possible duplicates (cursor on _id), and the jobs any instance may claim
            IndexDeclaration.of("possible_duplicates", "member_state_id", "memberId", "state", "_id"),
            IndexDeclaration.of("import_jobs", "state_submitted", "state", "submittedAt", "leaseUntil"),
            // the rows an import job's batches were about to write, read by its next attempt, deleted at its end
            IndexDeclaration.of("import_job_rows", "job_id", "jobId", "_id"),
            // calendar sync: a member's calendars, the calendars due (any instance), removed ones left to delete
            IndexDeclaration.of("calendar_sources", "member_created", "memberId", "createdAt", "_id"),
            IndexDeclaration.of("calendar_sources", "next_sync", "nextSyncAt"),
            IndexDeclaration.of("calendar_sources", "deleted", "deletedAt"),
            IndexDeclaration.of("mailbox_sources", "member_created", "memberId", "createdAt", "_id"),
            IndexDeclaration.of("mailbox_sources", "next_sync", "nextSyncAt"));

    @Override
    public List<IndexDeclaration> indexes() {
        return ALL;
    }
}

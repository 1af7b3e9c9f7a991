package dev.rapport.contacts.imports;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What an import did (or, with {@code dryRun}, would do): counts of rows created, merged into an
 * existing contact, unchanged and rejected; every rejected row and every warning with its line.
 */
public record ImportReport(
        String format,
        boolean dryRun,

        @Schema(description = "Data rows (or cards) read, the header and preamble not counted")
        int rows,

        @Schema(description = "Rows that became a new contact")
        int created,

        @Schema(description = "Rows that added details to a contact already there (or made earlier in the file)")
        int merged,

        @Schema(description = "Rows about someone already there, with nothing new")
        int unchanged,

        int rejected,

        @Schema(
                description = "Rows not merged with a contact of the same name and company (or e-mail) because"
                        + " something makes it uncertain: listed at GET /api/v1/contacts/duplicates")
        int possibleDuplicates,

        @Schema(
                description = "linkedin-messages: messages with no contact of yours (or drafts), so nothing was"
                        + " logged; 0 for contacts files")
        int skipped,

        @Schema(description = "Every rejected row, in file order")
        List<RejectedRow> rejectedRows,

        @Schema(description = "Rows imported without some part of them, and why")
        List<Warning> warnings,

        @Schema(description = "Created and merged rows one by one (the first reportedChanges of them)")
        List<Change> changes,

        boolean changesTruncated) {

    /** A row that was not imported. */
    public record RejectedRow(long line, String code, String reason) {}

    /** A part of a row that could not be used. */
    public record Warning(long line, String code, String message) {}

    /**
     * A row that creates or changes a contact (action {@code created}, {@code merged}), or, for LinkedIn messages,
     * an interaction it logs with a contact (action {@code logged}, one per contact).
     *
     * @param contactId the contact created, merged into or talked to; null for a contact a dry run would create
     */
    public record Change(long line, String action, String contactId, String displayName, List<String> fields) {}
}

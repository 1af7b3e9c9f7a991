package dev.rapport.platform.bench;

import dev.rapport.platform.harness.LinkedInCsv;
import dev.rapport.platform.harness.PlatformClient;
import dev.rapport.platform.harness.Stats;
import java.net.http.HttpRequest;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** A large LinkedIn import through the gateway for a new member: time to its report and until its events are consumed. */
final class LinkedInImport {

    private final Scenarios run;

    LinkedInImport(Scenarios run) {
        this.run = run;
    }

    void linkedInImport() throws Exception {
        String settled = run.settle();
        String member = Scenarios.IMPORTED_MEMBER;
        int rows = run.sizes.importRows();
        byte[] file = LinkedInCsv.generate(rows, "import");
        long start = System.nanoTime();
        JsonNode importReport = null;
        String failure = null;
        int firstStatus = 0;
        try {
            PlatformClient.Answer first = run.client.send(run.client
                    .viaGateway(member, "POST", "/api/v1/imports/linkedin")
                    .timeout(Scenarios.IMPORT_TIMEOUT)
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(file))
                    .build());
            firstStatus = first.status();
            importReport = run.awaitReport(
                    first, location -> run.client.viaGateway(member, "GET", location), run.sizes.importBound());
        } catch (BenchException | java.io.IOException e) {
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        Duration toReport = Duration.ofNanos(System.nanoTime() - start);
        int created = importReport == null ? rows : importReport.path("created").asInt();
        String eventsFailure = null;
        Duration toConsumed = null;
        try {
            run.events.awaitConsumed(
                    () -> run.events.contactAdded(member) >= created,
                    "the " + created + " ContactAdded of the import",
                    run.sizes.eventsBound());
            toConsumed = Duration.ofNanos(System.nanoTime() - start);
        } catch (BenchException e) {
            eventsFailure = e.getMessage();
        }
        long listed = run.countContacts(member);
        run.stored.addAndGet(listed >= 0 ? listed : created);
        boolean complete = importReport != null
                && importReport.path("rows").asInt() == rows
                && importReport.path("rejected").asInt() == 0
                && listed == created;
        String listedText = listed >= 0 ? Stats.count(listed) + " contacts listed afterwards" : "the count failed";
        String counts = importReport == null
                ? listedText
                : importReport.path("created").asInt() + " created, "
                        + importReport.path("merged").asInt()
                        + " merged, " + importReport.path("unchanged").asInt() + " unchanged, "
                        + importReport.path("rejected").asInt() + " rejected of "
                        + importReport.path("rows").asInt()
                        + " rows; " + listedText;

        StringBuilder section = new StringBuilder("## A ")
                .append(Stats.count(rows))
                .append("-row LinkedIn import through the gateway\n\n");
        section.append("`POST /api/v1/imports/linkedin` through the gateway with a generated `Connections.csv` (")
                .append(Stats.count(file.length))
                .append(" bytes, LinkedIn's layout: BOM, `Notes:` preamble, CRLF, quoted fields, an e-mail on one"
                        + " row in ten), for a new member, with ")
                .append(Stats.count(run.stored.get() - Math.max(0, listed)))
                .append(" contacts of others already stored (events before it: ")
                .append(settled)
                .append("). A `202 Accepted` is followed to its job until the report is there. The events are"
                        + " consumed when all of the member's `ContactAdded` are on `contacts.events` and every"
                        + " consumer group of the topic has committed past them.\n\n");
        section.append("| step | value |\n| --- | --- |\n")
                .append("| first answer | ")
                .append(firstStatus == 0 ? "none" : Integer.toString(firstStatus))
                .append(firstStatus == 202 ? " (a job)" : "")
                .append(" |\n| time to the report | ")
                .append(
                        failure == null
                                ? Stats.seconds(toReport.toMillis() / 1000.0)
                                : "no report (" + failure + "), after " + Stats.seconds(toReport.toMillis() / 1000.0))
                .append(" |\n| counts | ")
                .append(counts)
                .append(" |\n| time until every ContactAdded is consumed (from the upload) | ")
                .append(toConsumed != null ? Stats.seconds(toConsumed.toMillis() / 1000.0) : eventsFailure)
                .append(" |\n");
        run.report.section(Scenarios.IMPORT, section.toString());
        run.report.target(
                Scenarios.IMPORT,
                Stats.count(rows) + "-row import: complete",
                "complete [504 at 10 s]",
                counts,
                complete);
        run.report.target(
                Scenarios.IMPORT + 1,
                Stats.count(rows) + "-row import: report",
                "≤ 15 s",
                failure == null ? Stats.seconds(toReport.toMillis() / 1000.0) : "no report (" + failure + ")",
                failure == null && toReport.compareTo(Duration.ofSeconds(15)) <= 0);
        run.report.target(
                Scenarios.IMPORT + 2,
                Stats.count(rows) + "-row import: all events consumed",
                "≤ 60 s [263 s]",
                toConsumed != null
                        ? Stats.seconds(toConsumed.toMillis() / 1000.0)
                        : "not within " + run.sizes.eventsBound().toSeconds() + " s",
                toConsumed != null && toConsumed.compareTo(Duration.ofSeconds(60)) <= 0);
        // Figures too (the section says them): problems of the run, not a scenario that could not run.
        if (failure != null) {
            run.report.problem("The import through the gateway gave no report: " + failure);
        }
        if (eventsFailure != null) {
            run.report.problem("The import's events: " + eventsFailure);
        }
    }
}

package dev.rapport.platform.faults;

import dev.rapport.platform.Service;
import dev.rapport.platform.harness.Await;
import dev.rapport.platform.harness.Load;
import dev.rapport.platform.harness.PlatformClient;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Interactions with one promise each, as the scenarios post them (through the gateway), and the follow-up reminders
 * they must lead to: exactly one per promise, the same for a member under a fault as for a control member without.
 */
final class Promises {

    private final FaultScenarios run;

    Promises(FaultScenarios run) {
        this.run = run;
    }

    /** {@code POST /api/v1/interactions} through the gateway: a call with one promise {@code what}, due in a week. */
    HttpRequest interaction(String member, String contactId, String what) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contactIds", List.of(contactId));
        body.put("type", "call");
        body.put("direction", "outbound");
        body.put("occurredAt", Instant.now().minusSeconds(60).toString());
        body.put("summary", "Fault suite call");
        body.put(
                "promises",
                List.of(Map.of(
                        "owedBy",
                        "me",
                        "what",
                        what,
                        "dueOn",
                        run.today.plusDays(7).toString())));
        return PlatformClient.json(run.client.viaGateway(member, "POST", "/api/v1/interactions"), "POST", body)
                .build();
    }

    /** Every follow-up reminder of {@code member} (read straight from reminders-service, every page). */
    List<JsonNode> followUps(String member) throws Exception {
        List<JsonNode> reminders = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/api/v1/reminders?kind=follow-up&limit=200"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = run.client
                    .expectOk(
                            run.client
                                    .direct(run.service(Service.REMINDERS), member, "GET", path)
                                    .GET()
                                    .build(),
                            "list " + member + "'s follow-ups")
                    .json();
            page.path("items").forEach(reminders::add);
            JsonNode next = page.path("nextCursor");
            cursor = next.isString() && !next.asString().isBlank() ? next.asString() : null;
        } while (cursor != null);
        return reminders;
    }

    /** A promise's text: fixed width, so that no promise's text contains another's. */
    static String promise(String scenario, long n) {
        return String.format(java.util.Locale.ROOT, "%s promise %06d.", scenario, n);
    }

    /** The promises of a scenario's posts 0 to {@code total} - 1. */
    static Set<String> all(String scenario, int total) {
        Set<String> promises = new java.util.TreeSet<>();
        for (int i = 0; i < total; i++) {
            promises.add(promise(scenario, i));
        }
        return promises;
    }

    /**
     * Posts {@code total} interactions with one promise each (the scenario's, in order) for {@code member}, on its
     * contacts in turn, from {@code clients} clients as fast as they go.
     */
    Load.Result post(
            String name,
            int clients,
            Duration bound,
            String member,
            List<String> contacts,
            String scenario,
            int total) {
        return Load.run(
                name,
                clients,
                bound,
                Duration.ofSeconds(30),
                total,
                (c, seq) -> run.client.status(
                        interaction(member, contacts.get((int) (seq % contacts.size())), promise(scenario, seq))));
    }

    /**
     * The run without the fault: the same posts for a control member, on its contacts by position; each must be
     * accepted and followed up, else the scenario cannot compare.
     */
    void control(
            String name, int clients, Duration bound, String member, List<String> contacts, String scenario, int total)
            throws Exception {
        Load.Result control = post(name, clients, bound, member, contacts, scenario, total);
        if (control.ok() != total) {
            throw new FaultException(
                    "The control member's posts did not all succeed (no fault yet): " + control.non2xxDetail());
        }
        Set<String> all = all(scenario, total);
        Await.until(
                "the control member's " + total + " follow-ups",
                run.sizes.settle(),
                () -> followUpCounts(member, all).size() == total);
    }

    /** How many follow-ups of {@code member} carry each promise of {@code promises} in their title. */
    Map<String, Integer> followUpCounts(String member, Set<String> promises) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode reminder : followUps(member)) {
            String title = reminder.path("title").asString("");
            for (String promise : promises) {
                if (title.contains(promise)) {
                    counts.merge(promise, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /**
     * A digest of the state of {@code member}'s follow-ups whose promise is in {@code promises}: kind, status, title,
     * contact name and due date of each, sorted (ids and times differ between members by nature).
     */
    String followUpDigest(String member, Set<String> promises) throws Exception {
        List<String> lines = new ArrayList<>();
        for (JsonNode reminder : followUps(member)) {
            String title = reminder.path("title").asString("");
            if (promises.stream().anyMatch(title::contains)) {
                lines.add(String.join(
                        "|",
                        reminder.path("kind").asString(""),
                        reminder.path("status").asString(""),
                        title,
                        reminder.path("contactName").asString(""),
                        reminder.path("dueOn").asString("")));
            }
        }
        lines.sort(null);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        return lines.size() + " reminders, sha256 "
                + HexFormat.of()
                        .formatHex(sha.digest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)))
                        .substring(0, 16);
    }
}

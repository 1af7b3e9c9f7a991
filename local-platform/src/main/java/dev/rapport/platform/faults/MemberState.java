package dev.rapport.platform.faults;

import dev.rapport.platform.harness.PlatformClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a fault must not change for a member: the event topics' sizes, the member's events on them, its follow-ups,
 * its contacts as listed and its export (digests, so that two states compare as short texts).
 */
record MemberState(
        Map<String, Long> topicSizes,
        Map<String, Long> memberEvents,
        String followUps,
        String contacts,
        String export) {

    static MemberState read(FaultScenarios run, String member, List<String> topics, Set<String> promises)
            throws Exception {
        Map<String, Long> sizesNow = new LinkedHashMap<>();
        Map<String, Long> memberEvents = new LinkedHashMap<>();
        for (String topic : topics) {
            sizesNow.put(topic, run.topics.size(topic));
            memberEvents.put(topic, (long)
                    run.topics.read(topic, e -> member.equals(e.key())).size());
        }
        byte[] export = export(run.client, member, "export");
        return new MemberState(
                sizesNow,
                memberEvents,
                run.promises.followUpDigest(member, promises),
                contactsDigest(run.client, member),
                export.length + " bytes, " + digest(export));
    }

    /** Every contact of the member as the list shows it (every field), sorted by id, as a digest. */
    private static String contactsDigest(PlatformClient client, String member) throws Exception {
        List<String> lines = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/api/v1/contacts?limit=200"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = client.expectOk(
                            client.viaGateway(member, "GET", path).GET().build(), "list the contacts")
                    .json();
            page.path("items").forEach(item -> lines.add(PlatformClient.JSON.writeValueAsString(item)));
            JsonNode next = page.path("nextCursor");
            cursor = next.isString() && !next.asString().isBlank() ? next.asString() : null;
        } while (cursor != null);
        lines.sort(null);
        return lines.size() + " contacts, " + digest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    /** The member's export ({@code GET /api/v1/me/export}) without its times of export, as canonical JSON bytes. */
    static byte[] export(PlatformClient client, String member, String what) throws Exception {
        JsonNode body = client.expectOk(
                        client.viaGateway(member, "GET", "/api/v1/me/export")
                                .GET()
                                .build(),
                        what)
                .json();
        withoutExportTimes(body);
        return PlatformClient.JSON.writeValueAsBytes(body);
    }

    /** Removes every part's {@code exportedAt}: the time of the export, not the member's data. */
    private static void withoutExportTimes(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("exportedAt");
        }
        for (JsonNode child : node) {
            withoutExportTimes(child);
        }
    }

    static String digest(byte[] bytes) throws Exception {
        return "sha256 "
                + HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                        .substring(0, 16);
    }
}

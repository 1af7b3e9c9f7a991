package dev.rapport.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StreamedJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Row(String id, Instant at, List<String> tags) {}

    @Test
    void writesTheMembersInOrderAsTheMapperWouldAndClosesEachStream() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicInteger closed = new AtomicInteger();
        Row row = new Row("r1", Instant.parse("2026-03-10T06:00:00Z"), List.of("a"));

        StreamedJson.write(
                JSON,
                out,
                export -> export.value("memberId", "m1")
                        .value("settings", null)
                        .array(
                                "rows",
                                () -> IntStream.range(0, 3).mapToObj(i -> row).onClose(closed::incrementAndGet))
                        .array("none", () -> IntStream.range(0, 0).boxed().onClose(closed::incrementAndGet)));

        JsonNode body = JSON.readTree(out.toByteArray());
        assertThat(body.propertyNames()).containsExactly("memberId", "settings", "rows", "none");
        assertThat(body.get("settings").isNull()).isTrue();
        assertThat(body.get("rows")).hasSize(3);
        assertThat(body.get("rows").get(0)).isEqualTo(JSON.valueToTree(row));
        assertThat(body.get("none")).isEmpty();
        assertThat(closed).as("every row stream is closed").hasValue(2);
    }

    @Test
    void rowsReachTheResponseWhileLaterRowsAreStillUnread() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] bytesSentWhenTheLastRowWasRead = {-1};
        int rows = 20_000;

        StreamedJson.write(
                JSON,
                out,
                export -> export.array(
                        "rows",
                        () -> IntStream.range(0, rows).mapToObj(i -> {
                            if (i == rows - 1) {
                                bytesSentWhenTheLastRowWasRead[0] = out.size();
                            }
                            return new Row("row-" + i, Instant.EPOCH, List.of());
                        })));

        assertThat(bytesSentWhenTheLastRowWasRead[0])
                .as("the rows already read were sent rather than held until the end")
                .isGreaterThan(out.size() / 2);
        assertThat(JSON.readTree(out.toByteArray()).get("rows")).hasSize(rows);
    }
}

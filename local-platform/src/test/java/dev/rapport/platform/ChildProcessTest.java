package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @TempDir
    Path dir;

    @Test
    void structuredLogLinesAreShownAsTimeLevelLoggerAndMessage() {
        String line = "{\"@timestamp\":\"2026-11-21T04:38:25.406Z\",\"log\":{\"level\":\"ERROR\",\"logger\":"
                + "\"o.s.b.d.LoggingFailureAnalysisReporter\"},\"message\":\"APPLICATION FAILED TO START\","
                + "\"error\":{\"stack_trace\":\"java.lang.IllegalStateException: boom\\n\\tat a.B.c(B.java:1)\"}}";

        assertThat(ChildProcess.readable(line))
                .isEqualTo("04:38:25 ERROR o.s.b.d.LoggingFailureAnalysisReporter - APPLICATION FAILED TO START\n"
                        + "java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)");
        assertThat(ChildProcess.readable("plain text line")).isEqualTo("plain text line");
        assertThat(ChildProcess.readable("{\"not\": \"a log event\"}")).isEqualTo("{\"not\": \"a log event\"}");
        assertThat(ChildProcess.readable("{\"broken")).isEqualTo("{\"broken");
    }

    @Test
    void failureMessageEndsWithTheLastLinesOfTheLogAndThePreviousLogIsKept() throws Exception {
        Path log = dir.resolve("logs/child.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "from the previous run\n");

        ChildProcess child = ChildProcess.start(
                "child", List.of("/bin/sh", "-c", "echo first; echo last; exit 3"), Map.of(), dir, log);

        assertThat(child.awaitExit(Duration.ofSeconds(30))).isTrue();
        assertThat(child.exitValue()).isEqualTo(3);
        assertThat(child.failure("child failed"))
                .startsWith("child failed\n")
                .contains("first\nlast")
                .doesNotContain("previous run");
        assertThat(dir.resolve("logs/child.log.1")).hasContent("from the previous run");
    }
}

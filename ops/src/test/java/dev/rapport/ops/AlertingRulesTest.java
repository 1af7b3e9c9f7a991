package dev.rapport.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alerting rules, checked and unit-tested by Prometheus's own {@code promtool} (installed by
 * {@code scripts/install-promtool.sh} when missing), and held to the conventions of the runbook.
 */
class AlertingRulesTest {

    static OpsDefinitions ops;
    static String promtool;

    @BeforeAll
    static void promtool() throws Exception {
        ops = OpsDefinitions.find(Path.of(""));
        Path script = ops.root().getParent().resolve("scripts/install-promtool.sh");
        Result installed = run(List.of("bash", script.toString()), ops.root());
        assertThat(installed.exit())
                .as("scripts/install-promtool.sh: " + installed.output())
                .isZero();
        List<String> lines = installed.output().strip().lines().toList();
        promtool = lines.getLast();
    }

    @Test
    void rulesAreValid() throws Exception {
        List<String> command = new ArrayList<>(List.of(promtool, "check", "rules"));
        ops.ruleFiles().forEach(f -> command.add(f.toString()));
        Result result = run(command, ops.root());
        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void rulesPassTheirUnitTests() throws Exception {
        assertThat(ops.ruleTests()).isNotEmpty();
        for (Path tests : ops.ruleTests()) {
            Result result =
                    run(List.of(promtool, "test", "rules", tests.getFileName().toString()), tests.getParent());
            assertThat(result.exit()).as(result.output()).isZero();
            assertThat(result.output()).contains("SUCCESS");
        }
    }

    @Test
    void theScrapeConfigurationIsValid() throws Exception {
        // check config also resolves rule_files: point it at the repository's rules through a copy.
        Path dir = Files.createTempDirectory("prometheus-config");
        String config = Files.readString(ops.root().resolve("prometheus/prometheus.yml"))
                .replace(
                        "/etc/prometheus/rules",
                        ops.root().resolve("prometheus/rules").toString());
        Path copy = dir.resolve("prometheus.yml");
        Files.writeString(copy, config);
        Result result = run(List.of(promtool, "check", "config", copy.toString()), dir);
        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void everyAlertHasASeverityAndARunbookSectionThatExists() throws IOException {
        String runbook = Files.readString(ops.root().getParent().resolve("docs/runbook.md"));
        assertThat(ops.rules()).isNotEmpty().allSatisfy(rule -> {
            String name = String.valueOf(rule.get("alert"));
            @SuppressWarnings("unchecked")
            Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
            @SuppressWarnings("unchecked")
            Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
            assertThat(labels.get("severity")).as(name).isIn("page", "ticket");
            assertThat(annotations.get("runbook_url")).as(name).isEqualTo("docs/runbook.md#" + name.toLowerCase());
            assertThat(runbook).as("docs/runbook.md has a section for " + name).contains("\n## " + name + "\n");
        });
    }

    record Result(int exit, String output) {}

    static Result run(List<String> command, Path dir) throws Exception {
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}

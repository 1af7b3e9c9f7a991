package dev.rapport.platform.faults;

import java.util.ArrayList;
import java.util.List;

/** docs/reliability.md: a table of every scenario with its verdict, then each scenario's checks, then problems. */
final class FaultReport {

    /** One exact check of a scenario: what was expected, what was observed. */
    record Check(String what, String expected, String observed, boolean passed) {}

    /** One scenario as it ran. */
    static final class Scenario {
        final String name;
        final String load;
        final String fault;
        final List<Check> checks = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final List<String> tables = new ArrayList<>();
        String error;
        double seconds;

        Scenario(String name, String load, String fault) {
            this.name = name;
            this.load = load;
            this.fault = fault;
        }

        /** Records a check; answers whether it passed. */
        synchronized boolean check(String what, Object expected, Object observed, boolean passed) {
            checks.add(new Check(what, String.valueOf(expected), String.valueOf(observed), passed));
            return passed;
        }

        /** A check that {@code observed} equals {@code expected}. */
        boolean equal(String what, Object expected, Object observed) {
            return check(what, expected, observed, expected.equals(observed));
        }

        synchronized void note(String text) {
            notes.add(text);
        }

        /** A Markdown table of figures (per minute, per service), written after the notes. */
        synchronized void table(String markdown) {
            tables.add(markdown.strip());
        }

        synchronized boolean passed() {
            return error == null && !checks.isEmpty() && checks.stream().allMatch(Check::passed);
        }

        synchronized List<Check> failures() {
            return checks.stream().filter(check -> !check.passed()).toList();
        }
    }

    private final List<Scenario> scenarios = new ArrayList<>();

    synchronized Scenario start(String name, String load, String fault) {
        Scenario scenario = new Scenario(name, load, fault);
        scenarios.add(scenario);
        return scenario;
    }

    synchronized List<Scenario> scenarios() {
        return List.copyOf(scenarios);
    }

    synchronized boolean passed() {
        return !scenarios.isEmpty() && scenarios.stream().allMatch(Scenario::passed);
    }

    synchronized String render(String header) {
        StringBuilder out = new StringBuilder(header.strip()).append("\n\n## Summary\n\n");
        out.append("| scenario | load | fault | checks | result |\n| --- | --- | --- | --- | --- |\n");
        for (Scenario scenario : scenarios) {
            long passed = scenario.checks.stream().filter(Check::passed).count();
            out.append("| ")
                    .append(cell(scenario.name))
                    .append(" | ")
                    .append(cell(scenario.load))
                    .append(" | ")
                    .append(cell(scenario.fault))
                    .append(" | ")
                    .append(passed)
                    .append(" of ")
                    .append(scenario.checks.size())
                    .append(" passed | ")
                    .append(scenario.passed() ? "**passed**" : "**FAILED**")
                    .append(" |\n");
        }
        for (Scenario scenario : scenarios) {
            out.append("\n## ").append(scenario.name).append("\n\n");
            out.append("* Load: ").append(scenario.load).append("\n");
            out.append("* Fault: ").append(scenario.fault).append("\n");
            out.append("* Ran for: ")
                    .append(String.format(java.util.Locale.ROOT, "%.1f s", scenario.seconds))
                    .append("\n");
            if (scenario.error != null) {
                out.append("* **Stopped before its checks**: ")
                        .append(cell(scenario.error))
                        .append("\n");
            }
            out.append("\n| what was checked | expected | observed | result |\n| --- | --- | --- | --- |\n");
            for (Check check : scenario.checks) {
                out.append("| ")
                        .append(cell(check.what()))
                        .append(" | ")
                        .append(cell(check.expected()))
                        .append(" | ")
                        .append(cell(check.observed()))
                        .append(" | ")
                        .append(check.passed() ? "passed" : "**FAILED**")
                        .append(" |\n");
            }
            if (!scenario.notes.isEmpty()) {
                out.append("\n");
                scenario.notes.forEach(note -> out.append("* ").append(note).append("\n"));
            }
            scenario.tables.forEach(table -> out.append("\n").append(table).append("\n"));
        }
        return out.toString();
    }

    private static String cell(String text) {
        String oneLine = text.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
        return oneLine.length() > 600 ? oneLine.substring(0, 600) + "…" : oneLine;
    }
}

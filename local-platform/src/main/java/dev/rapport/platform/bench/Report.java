package dev.rapport.platform.bench;

import java.util.ArrayList;
import java.util.List;

/** The Markdown report: the targets table first, then one section per scenario, then what went wrong. */
final class Report {

    /** A target of issue 15 next to its measured value; {@code met} is null when it was not measured. */
    record Target(int order, String measure, String target, String measured, String verdict) {}

    /** A section in its place ({@code order}) whatever the order the scenarios ran in. */
    private record Section(int order, String markdown) {}

    private final List<Target> targets = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    synchronized void target(int order, String measure, String target, String measured, Boolean met) {
        targets.add(
                new Target(order, measure, target, measured, met == null ? "not measured" : met ? "met" : "not met"));
    }

    synchronized void target(int order, String measure, String target, String measured, String verdict) {
        targets.add(new Target(order, measure, target, measured, verdict));
    }

    synchronized void section(int order, String markdown) {
        sections.add(new Section(order, markdown.strip()));
    }

    synchronized void problem(String text) {
        problems.add(text);
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    synchronized String render(String header, boolean quick) {
        StringBuilder out = new StringBuilder(header.strip()).append("\n\n");
        out.append("## Targets\n\n");
        if (quick) {
            out.append("A `--quick` run: its sizes are far below the targets' and its figures are not comparable with"
                    + " them; the verdicts only show that every figure was measured.\n\n");
        }
        out.append("| measure | target | measured | met? |\n| --- | --- | --- | --- |\n");
        targets.sort(java.util.Comparator.comparingInt(Target::order));
        sections.sort(java.util.Comparator.comparingInt(Section::order));
        for (Target target : targets) {
            out.append("| ")
                    .append(target.measure())
                    .append(" | ")
                    .append(target.target())
                    .append(" | ")
                    .append(target.measured())
                    .append(" | ")
                    .append(target.verdict())
                    .append(" |\n");
        }
        for (Section section : sections) {
            out.append("\n").append(section.markdown()).append("\n");
        }
        out.append("\n## Problems during the run\n\n");
        if (problems.isEmpty()) {
            out.append("None: every scenario ran to its end.\n");
        } else {
            for (String problem : problems) {
                out.append("* ").append(problem.replace("\n", " ")).append("\n");
            }
        }
        return out.toString();
    }
}

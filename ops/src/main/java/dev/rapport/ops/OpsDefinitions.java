package dev.rapport.ops;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The dashboards and alerting rules under {@code ops/}, read as data: every PromQL expression they hold, where it
 * is, and the metric names it uses.
 */
public final class OpsDefinitions {

    /** Series that Prometheus itself makes, not the services. */
    public static final Set<String> PROMETHEUS_OWN = Set.of("up", "scrape_duration_seconds", "ALERTS");

    private static final Set<String> PROMQL_WORDS = Set.of(
            "sum",
            "min",
            "max",
            "avg",
            "count",
            "stddev",
            "stdvar",
            "topk",
            "bottomk",
            "quantile",
            "count_values",
            "group",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "and",
            "or",
            "unless",
            "bool",
            "offset",
            "rate",
            "irate",
            "increase",
            "delta",
            "idelta",
            "deriv",
            "histogram_quantile",
            "abs",
            "ceil",
            "floor",
            "round",
            "clamp",
            "clamp_min",
            "clamp_max",
            "absent",
            "absent_over_time",
            "changes",
            "resets",
            "label_replace",
            "label_join",
            "vector",
            "scalar",
            "time",
            "timestamp",
            "sort",
            "sort_desc",
            "avg_over_time",
            "min_over_time",
            "max_over_time",
            "sum_over_time",
            "count_over_time",
            "last_over_time",
            "predict_linear",
            "humanize",
            "inf",
            "nan");
    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern STRINGS = Pattern.compile("\"[^\"]*\"|'[^']*'");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern NUMBER_SUFFIX = Pattern.compile("^[0-9.]+[a-z]*$");

    private final Path ops;

    private OpsDefinitions(Path ops) {
        this.ops = ops;
    }

    /** The {@code ops/} folder of the repository that holds {@code from} (or a parent of it). */
    public static OpsDefinitions find(Path from) {
        for (Path dir = from.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("ops");
            if (Files.isDirectory(candidate.resolve("prometheus")) && Files.isDirectory(candidate.resolve("grafana"))) {
                return new OpsDefinitions(candidate);
            }
        }
        throw new IllegalStateException("no ops/ folder with prometheus/ and grafana/ above " + from.toAbsolutePath());
    }

    public Path root() {
        return ops;
    }

    public List<Path> dashboards() {
        return list(ops.resolve("grafana/dashboards"), ".json");
    }

    public List<Path> ruleFiles() {
        return list(ops.resolve("prometheus/rules"), ".yml");
    }

    public List<Path> ruleTests() {
        return list(ops.resolve("prometheus/tests"), ".yml");
    }

    /** Every expression, keyed by where it is: {@code <file> / <panel title or alert name> / <refId>}. */
    public Map<String, String> expressions() {
        Map<String, String> expressions = new TreeMap<>();
        for (Path dashboard : dashboards()) {
            Map<String, Object> json = load(dashboard);
            for (Map<String, Object> panel : maps(json.get("panels"))) {
                for (Map<String, Object> target : maps(panel.get("targets"))) {
                    expressions.put(
                            dashboard.getFileName() + " / " + panel.get("title") + " / " + target.get("refId"),
                            String.valueOf(target.get("expr")));
                }
            }
        }
        for (Map<String, Object> rule : rules()) {
            expressions.put("alert " + rule.get("alert"), String.valueOf(rule.get("expr")));
        }
        return expressions;
    }

    /** Every alerting rule of every group. */
    public List<Map<String, Object>> rules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Path file : ruleFiles()) {
            for (Map<String, Object> group : maps(load(file).get("groups"))) {
                rules.addAll(maps(group.get("rules")));
            }
        }
        return rules;
    }

    /** Metric names an expression reads (label names, functions, keywords and numbers left out). */
    public static Set<String> metricNames(String expr) {
        String rest = STRINGS.matcher(expr).replaceAll(" ");
        rest = LABEL_MATCHERS.matcher(rest).replaceAll(" ");
        rest = RANGES.matcher(rest).replaceAll(" ");
        rest = GROUPING.matcher(rest).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(rest);
        while (m.find()) {
            String word = m.group();
            int before = m.start() - 1;
            boolean partOfNumber =
                    before >= 0 && (Character.isDigit(rest.charAt(before)) || rest.charAt(before) == '.');
            int after = m.end();
            while (after < rest.length() && rest.charAt(after) == ' ') {
                after++;
            }
            boolean function = after < rest.length() && rest.charAt(after) == '(';
            if (!partOfNumber
                    && !function
                    && !PROMQL_WORDS.contains(word.toLowerCase())
                    && !NUMBER_SUFFIX.matcher(word).matches()) {
                names.add(word);
            }
        }
        return names;
    }

    /** Every metric name used, with the places that use it. */
    public Map<String, List<String>> metricUses() {
        Map<String, List<String>> uses = new TreeMap<>();
        expressions().forEach((where, expr) -> {
            for (String name : metricNames(expr)) {
                uses.computeIfAbsent(name, n -> new ArrayList<>()).add(where);
            }
        });
        return uses;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object loaded = new Yaml().load(reader);
            if (!(loaded instanceof Map)) {
                throw new IllegalStateException(file + " does not hold a mapping");
            }
            return (Map<String, Object>) loaded;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> maps(Object list) {
        if (list == null) {
            return List.of();
        }
        return (List<Map<String, Object>>) list;
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.rapport.contacts.imports.domain;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV export read record by record with Apache Commons CSV: the header is found (after any
 * preamble), each following record is handed over with its columns by name and the line it starts
 * on, and a record whose width differs from the header's is rejected on its own.
 */
final class CsvTable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180
            .builder()
            // Blank lines are kept as records so that line numbers can be counted exactly; they are skipped below.
            .setIgnoreEmptyLines(false)
            .setTrim(false)
            .get();

    /** A data record: its first line and its values by lower-cased header name. */
    record Row(long line, Map<String, String> values) {

        /** The same row with every value passed through {@code cell}. */
        Row map(UnaryOperator<String> cell) {
            Map<String, String> mapped = new LinkedHashMap<>();
            values.forEach((column, value) -> mapped.put(column, value == null ? null : cell.apply(value)));
            return new Row(line, mapped);
        }

        /** The first non-blank value among the given columns. */
        String get(String... columns) {
            for (String column : columns) {
                String value = values.get(column.toLowerCase(Locale.ROOT));
                if (value != null && !value.isBlank()) {
                    return value.strip();
                }
            }
            return null;
        }

        /** The non-blank values of the columns whose (lower-cased) names match. */
        List<String> matching(Predicate<String> column) {
            return values.entrySet().stream()
                    .filter(e -> column.test(e.getKey())
                            && e.getValue() != null
                            && !e.getValue().isBlank())
                    .map(e -> e.getValue().strip())
                    .toList();
        }
    }

    private CsvTable() {}

    /**
     * Reads {@code in}: the header is the first record {@code isHeader} accepts within the first
     * {@code maxPreamble} records; every data record goes through {@code toCard}.
     */
    static void read(
            Reader in,
            int maxPreamble,
            Predicate<List<String>> isHeader,
            String notFound,
            Function<Row, ImportRow> toRow,
            Consumer<ImportRow> rows)
            throws IOException {
        read(in, maxPreamble, isHeader, notFound, toRow, ImportRow.Rejected::new, rows);
    }

    /**
     * The same for rows of any kind: {@code rejected} makes the row of a record that cannot be read (its line
     * and the problem).
     */
    static <R> void read(
            Reader in,
            int maxPreamble,
            Predicate<List<String>> isHeader,
            String notFound,
            Function<Row, R> toRow,
            java.util.function.BiFunction<Long, RowProblem, R> rejected,
            Consumer<R> rows)
            throws IOException {
        try (CSVParser parser =
                CSVParser.builder().setReader(Boms.skip(in)).setFormat(FORMAT).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            long lastLine = 0;
            List<String> header = null;
            int seen = 0;
            while (header == null) {
                if (!records.hasNext() || seen++ > maxPreamble) {
                    throw new UnreadableFileException(notFound);
                }
                CSVRecord record = records.next();
                lastLine = parser.getCurrentLineNumber();
                List<String> values = record.toList().stream()
                        .map(v -> v.strip().toLowerCase(Locale.ROOT))
                        .toList();
                if (isHeader.test(values)) {
                    header = values;
                }
            }
            while (true) {
                long line = lastLine + 1;
                try {
                    if (!records.hasNext()) {
                        return;
                    }
                } catch (UncheckedIOException e) {
                    // Commons CSV reports broken quoting as a CSVException; anything else (a charset error, a
                    // size limit) is not about this row.
                    if (!(e.getCause() instanceof CSVException)) {
                        throw e;
                    }
                    // Broken quotes swallow the rest of the file: what came before is kept.
                    rows.accept(rejected.apply(line, RowProblem.of("broken-quotes")));
                    return;
                }
                CSVRecord record = records.next();
                lastLine = parser.getCurrentLineNumber();
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                if (record.size() != header.size()) {
                    rows.accept(rejected.apply(
                            line,
                            RowProblem.of(
                                    "wrong-column-count",
                                    String.valueOf(record.size()),
                                    String.valueOf(header.size()))));
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    values.putIfAbsent(header.get(i), record.get(i));
                }
                rows.accept(toRow.apply(new Row(line, values)));
            }
        }
    }
}

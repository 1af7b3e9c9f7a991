package dev.rapport.platform.faults;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * jqwik's generators for hostile values: unusual strings (control characters, lone surrogates, bidirectional
 * marks, zero-width and non-BMP characters, injection-looking text), huge strings, numbers out of any range, bad
 * cursors; and the JSON and URL encodings that can carry them (a lone surrogate is written as a JSON escape, and
 * as the bytes of its invalid UTF-8 form in a URL).
 */
final class HostileValues {

    private static final List<String> ODD = List.of(
            "\u0000",
            "\uD800",
            "\uDFFF",
            "a\uDC00b",
            "\u202Eevil\u202C",
            "\u200F\u200E",
            "\uFEFF",
            "\u200B",
            "\r\n\t",
            "\u0085\u2028\u2029",
            "\uD835\uDD4F",
            "%00",
            "%",
            "../../etc/passwd",
            "' OR '1'='1",
            "{\"$gt\": \"\"}",
            "$where",
            "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/x}",
            "null",
            "",
            " ");

    private static final Arbitrary<String> UNUSUAL = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, Arbitraries.of(ODD)),
            net.jqwik.api.Tuple.of(3, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40)),
            net.jqwik.api.Tuple.of(
                    2,
                    Arbitraries.strings()
                            .withChars("\u0000\u0001\u001f\u007f\uD800\uDBFF\uDC00\uDFFF\u202E\u200F\uFEFF\u2028")
                            .withCharRange('a', 'z')
                            .ofMinLength(1)
                            .ofMaxLength(30)));

    private static final Arbitrary<String> HUGE = Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars("\u00e9\u4e2d\u0000\u202E")
            .ofMinLength(20_000)
            .ofMaxLength(120_000);

    private static final Arbitrary<Object> OUT_OF_RANGE = Arbitraries.oneOf(
            Arbitraries.of(
                    -1,
                    0,
                    Integer.MAX_VALUE,
                    Integer.MIN_VALUE,
                    Long.MAX_VALUE,
                    Long.MIN_VALUE,
                    new BigInteger("99999999999999999999999999"),
                    new BigDecimal("1e400"),
                    new BigDecimal("-1e400"),
                    0.5,
                    -0.0),
            Arbitraries.bigIntegers()
                    .between(BigInteger.TEN.pow(20), BigInteger.TEN.pow(40))
                    .map(n -> (Object) n));

    private static final Arbitrary<String> CURSOR = Arbitraries.oneOf(
            Arbitraries.strings()
                    .withCharRange('A', 'z')
                    .withChars("+/=-_")
                    .ofMinLength(1)
                    .ofMaxLength(80),
            Arbitraries.of(
                    "%%%",
                    "eyJ9", "eyJpZCI6eyIkZ3QiOiIifX0", "eyJhIjoxfQ", "bnVsbA", "x".repeat(5_000), "\uD800", "-1"),
            UNUSUAL);

    private HostileValues() {}

    static String unusual() {
        return UNUSUAL.sample();
    }

    static String huge() {
        return HUGE.sample();
    }

    static Object outOfRange() {
        return OUT_OF_RANGE.sample();
    }

    static String cursor() {
        return CURSOR.sample();
    }

    /** A value of the wrong JSON type for a schema type: never one Jackson would coerce. */
    static Object wrongType(String type) {
        return switch (type == null ? "object" : type) {
            case "string" -> Map.of("not", "a string");
            case "integer", "number" -> "not a number";
            case "boolean" -> "maybe";
            case "array" -> Map.of("not", "an array");
            default -> List.of("not", "an", "object");
        };
    }

    /** Minimal JSON text of maps, lists, strings, numbers, booleans and null: lone surrogates escaped, not mangled. */
    static String json(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String text -> {
                out.append('"');
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '"' || c == '\\') {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
                out.append('"');
            }
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(out, String.valueOf(entry.getKey()));
                    out.append(':');
                    write(out, entry.getValue());
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(out, list.get(i));
                }
                out.append(']');
            }
            case BigDecimal decimal -> out.append(decimal.toString());
            default -> out.append(value);
        }
    }

    /**
     * Percent-encodes {@code text} for a path segment or query value: UTF-8, and a lone surrogate as the three bytes
     * of its (invalid) UTF-8 form, which is what a careless client sends.
     */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            byte[] bytes;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes = new byte[] {
                    (byte) (0xE0 | (c >> 12)), (byte) (0x80 | ((c >> 6) & 0x3F)), (byte) (0x80 | (c & 0x3F))
                };
            } else if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~".indexOf(c) >= 0) {
                out.append(c);
                continue;
            } else {
                bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            }
            for (byte b : bytes) {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}

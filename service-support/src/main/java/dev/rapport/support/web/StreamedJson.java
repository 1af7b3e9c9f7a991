package dev.rapport.support.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON object written to the response while it is read from the store, one row at a time, so that the memory of
 * an answer such as a member's export does not grow with the member's data (issue 15 item 5). Rows are serialised by
 * the service's own {@link JsonMapper}, so they look exactly as they would in an ordinary answer.
 *
 * <p>Each member is sent as soon as it is written, so the answer is committed once the first member is: a failure to
 * read the first one (the store down) still gets an ordinary error answer. The answer is committed before the first
 * row of an array is read: a failure mid-way ends the response with JSON that does
 * not parse, never with a shorter document that looks complete.
 */
public final class StreamedJson {

    private StreamedJson() {}

    /** What writes the object's members, in order. */
    @FunctionalInterface
    public interface Members {
        void writeTo(Writer writer) throws IOException;
    }

    /** {@code 200 application/json}, never cached, whose body is the object {@code members} writes. */
    public static ResponseEntity<StreamingResponseBody> ok(JsonMapper json, Members members) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .body(out -> write(json, out, members));
    }

    /** Writes the object {@code members} writes to {@code out}. */
    public static void write(JsonMapper json, OutputStream out, Members members) throws IOException {
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartObject();
            members.writeTo(new Writer(json, generator));
            generator.writeEndObject();
        }
    }

    /** Writes the members of one JSON object. */
    public static final class Writer {

        private final JsonMapper json;
        private final JsonGenerator generator;

        Writer(JsonMapper json, JsonGenerator generator) {
            this.json = json;
            this.generator = generator;
        }

        /** A member whose value is serialised as a whole (null written as null). */
        public Writer value(String name, @Nullable Object value) {
            generator.writeName(name);
            json.writeValue(generator, value);
            generator.flush();
            return this;
        }

        /** A member whose value is an array of the rows, read one at a time; the stream is closed at the end. */
        public <T> Writer array(String name, Supplier<Stream<T>> rows) {
            generator.writeName(name);
            generator.writeStartArray();
            try (Stream<T> stream = rows.get()) {
                for (Iterator<T> row = stream.iterator(); row.hasNext(); ) {
                    json.writeValue(generator, row.next());
                }
            }
            generator.writeEndArray();
            generator.flush();
            return this;
        }
    }
}

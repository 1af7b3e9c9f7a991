package dev.rapport.contacts.imports;

import dev.rapport.contacts.ContactsProperties;
import dev.rapport.contacts.imports.domain.UnreadableFileException;
import dev.rapport.support.web.ApiException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * How every import reads its file: decoded strictly in its charset, within the size and row limits, read to its
 * end; a whole-file problem becomes the same 400 or 413 for every format.
 */
@Component
class ImportInput {

    /** Reads the rows of a decoded file, telling {@link Counter#row} about each one. */
    interface Rows {
        void read(Reader file, Counter counter) throws IOException;
    }

    /** Counts rows against {@code max-rows}. */
    final class Counter {
        private int rows;

        /** One more row: a 413 once the limit is passed. */
        void row() {
            if (++rows > limits.maxRows()) {
                throw tooManyRows();
            }
        }

        int rows() {
            return rows;
        }
    }

    private final ContactsProperties.Imports limits;

    ImportInput(ContactsProperties properties) {
        this.limits = properties.imports();
    }

    /** Reads {@code file} with {@code rows}; answers the number of rows counted. */
    int read(InputStream file, Charset charset, Rows rows) {
        Counter counter = new Counter();
        try (Reader reader = reader(file, charset)) {
            rows.read(reader, counter);
        } catch (UnreadableFileException e) {
            throw ApiException.invalidField("file", e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            throw unreadable(charset, e);
        }
        return counter.rows();
    }

    /** The file decoded strictly: bytes that are not of the charset are an error, never silently replaced. */
    private Reader reader(InputStream file, Charset charset) {
        InputStream limited = new LimitedInputStream(file, limits.maxFileSize().toBytes());
        return new BufferedReader(
                new InputStreamReader(
                        limited,
                        charset.newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)),
                64 * 1024);
    }

    /** The file could not be read to its end: too large, or not in the charset it was said to be in. */
    private ApiException unreadable(Charset charset, Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof LimitedInputStream.TooLargeException) {
                return new ApiException(
                        HttpStatus.PAYLOAD_TOO_LARGE,
                        "File too large",
                        "the file is larger than " + limits.maxFileSize().toMegabytes() + " MB: split it",
                        Map.of("maxFileSize", limits.maxFileSize().toBytes()));
            }
            if (cause instanceof CharacterCodingException) {
                return ApiException.invalidField(
                        "charset",
                        "the file is not valid " + charset.name()
                                + (charset.equals(StandardCharsets.UTF_8)
                                        ? ": files from desktop Outlook are windows-1252, send charset=windows-1252"
                                        : ""));
            }
        }
        throw new UncheckedIOException(new IOException("the upload could not be read", e));
    }

    private ApiException tooManyRows() {
        return new ApiException(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "Too many rows",
                "the file has more than " + limits.maxRows() + " rows: split it into several imports",
                Map.of("maxRows", limits.maxRows()));
    }
}

package dev.rapport.contacts.imports.domain;

import java.io.IOException;
import java.io.Reader;
import java.util.function.Consumer;

/** Reads a contacts file row by row, without holding it whole, handing each row over as soon as it is read. */
public interface ContactFileReader {

    /**
     * Reads every row of {@code in} into {@code rows}.
     *
     * @throws UnreadableFileException when the file is not of this format at all
     */
    void read(Reader in, Consumer<ImportRow> rows) throws IOException;
}

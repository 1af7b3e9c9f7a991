package dev.rapport.contacts.imports;

import dev.rapport.contacts.imports.domain.ImportPlanner.Action;
import java.util.List;
import java.util.Map;

/**
 * Where an import stands, told by the import as it writes: a job saves it, so that an attempt
 * interrupted between two writes is resumed by the next and the report still says what each row did.
 */
interface ImportProgress {

    /** A row of a batch about to be written, and what it does. */
    record Written(long line, Action action, List<String> fields) {}

    /** Nothing saved: an import answered at once. */
    ImportProgress NONE = new ImportProgress() {};

    /**
     * Contacts written at a time. An import answered at once writes them all in one call, as before jobs
     * existed: the outbox relay then starts once they are all in, instead of competing with the inserts
     * for the store.
     */
    default int batch() {
        return Integer.MAX_VALUE;
    }

    /** Rows that earlier attempts of the same import started to write, by line. */
    default Map<Long, Written> earlier() {
        return Map.of();
    }

    /** The file is planned: {@code rows} in all, {@code done} of them needing no write. */
    default void planned(int rows, int done) {}

    /** The rows of the next batch, before it is written. */
    default void beforeBatch(List<Written> rows) {}

    /** A batch is written: {@code done} rows are imported. */
    default void afterBatch(int done) {}
}

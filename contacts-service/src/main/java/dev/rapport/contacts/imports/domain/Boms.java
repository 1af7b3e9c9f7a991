package dev.rapport.contacts.imports.domain;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;

/** Skips the byte order mark that Excel, LinkedIn and Google put at the start of their UTF-8 exports. */
final class Boms {

    private Boms() {}

    static Reader skip(Reader in) throws IOException {
        PushbackReader reader = new PushbackReader(in, 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }
}

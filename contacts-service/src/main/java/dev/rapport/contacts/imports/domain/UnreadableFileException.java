package dev.rapport.contacts.imports.domain;

/** The file as a whole is not of the announced format (no header, no card): nothing can be imported from it. */
public class UnreadableFileException extends RuntimeException {

    public UnreadableFileException(String message) {
        super(message);
    }
}

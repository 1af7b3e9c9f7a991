package dev.rapport.content.feeds;

/** Why a feed could not be read, in words the member can act on. */
class FeedProblem extends Exception {

    /** What went wrong, which decides the HTTP answer of a sync the member asked for. */
    enum Kind {
        UNREACHABLE,
        TIMEOUT,
        MALFORMED,
        TOO_LARGE,
        REFUSED
    }

    private final Kind kind;

    FeedProblem(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}

package dev.rapport.contacts.imports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An upload read up to a limit: one byte more fails the read, so that a huge body is refused while streaming. */
final class LimitedInputStream extends FilterInputStream {

    /** The upload is larger than the limit. */
    static final class TooLargeException extends IOException {
        TooLargeException(long limit) {
            super("more than " + limit + " bytes");
        }
    }

    private final long limit;
    private long read;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(long n) throws TooLargeException {
        read += n;
        if (read > limit) {
            throw new TooLargeException(limit);
        }
    }
}

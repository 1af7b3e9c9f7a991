package dev.rapport.gateway.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One HTTP/1.1 keep-alive connection over a plain socket, for what HTTP clients hide: several requests in one write
 * (pipelining) and exactly which connection a request travels on.
 */
public final class RawHttpConnection implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawHttpConnection(int port, Duration readTimeout) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** A bodyless GET request, ready to be {@linkplain #send sent}, alone or together with others. */
    public static String getRequest(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n";
    }

    /** Writes the requests in a single write, so that they reach the server together. */
    public void send(String... requests) throws IOException {
        out.write(String.join("", requests).getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * Reads the next complete response (Content-Length or chunked body) and returns its status code.
     *
     * @throws SocketTimeoutException when the server does not answer within the read timeout
     */
    public int readResponse() throws IOException {
        String statusLine = readLine();
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        long contentLength = -1;
        boolean chunked = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                contentLength = Long.parseLong(
                        lower.substring("content-length:".length()).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(readLine().trim(), 16);
                    size > 0;
                    size = Long.parseLong(readLine().trim(), 16)) {
                skip(size);
                readLine();
            }
            for (String trailer = readLine(); !trailer.isEmpty(); trailer = readLine()) {
                // trailers are not used
            }
        } else if (contentLength > 0) {
            skip(contentLength);
        }
        return status;
    }

    private static long chunkSize(String line) {
        int extension = line.indexOf(';');
        return Long.parseLong((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int b = in.read(); b != -1; b = in.read()) {
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
            }
            line.write(b);
            previous = b;
        }
        throw new IOException("connection closed by the server");
    }

    private void skip(long count) throws IOException {
        long remaining = count;
        while (remaining > 0) {
            long skipped = in.skip(remaining);
            if (skipped <= 0) {
                if (in.read() == -1) {
                    throw new IOException("connection closed by the server");
                }
                skipped = 1;
            }
            remaining -= skipped;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

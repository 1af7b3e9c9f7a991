package dev.rapport.contacts.capture;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;

/**
 * Sockets that connect to one address the outbound guard vetted, whatever host name they are asked for: given to
 * Jakarta Mail as {@code mail.imap(s).socketFactory}, so that the IMAP connection goes where the guard checked
 * instead of resolving the name a second time (DNS rebinding). Jakarta Mail still hands the member's host name to
 * TLS, which sends it as SNI and checks the server's certificate against it.
 */
final class PinnedSocketFactory extends SocketFactory {

    private final InetAddress address;

    PinnedSocketFactory(InetAddress address) {
        this.address = address;
    }

    @Override
    public Socket createSocket() {
        return new PinnedSocket(address);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localHost, localPort));
        socket.connect(new InetSocketAddress(address, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress localAddress, int localPort) throws IOException {
        return createSocket((String) null, port, localAddress, localPort);
    }

    private Socket connected(int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new InetSocketAddress(address, port));
        return socket;
    }

    /** A socket whose connect goes to the pinned address, on the port asked for. */
    private static final class PinnedSocket extends Socket {

        private final InetAddress address;

        PinnedSocket(InetAddress address) {
            this.address = address;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress asked)) {
                throw new IOException("unsupported address type: " + endpoint);
            }
            super.connect(new InetSocketAddress(address, asked.getPort()), timeout);
        }
    }
}

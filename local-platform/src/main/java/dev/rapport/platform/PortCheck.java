package dev.rapport.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks that every port of the platform is free before anything starts, and says who needs a busy one. */
public final class PortCheck {

    private PortCheck() {}

    /**
     * Fails with a message naming each busy port, the process of the platform that needs it, and any
     * process of an earlier run on the same var dir that is still alive.
     */
    public static void requireFree(Ports ports, PidFiles pidFiles) {
        List<Map.Entry<Integer, String>> busy = ports.purposes().entrySet().stream()
                .filter(entry -> !isFree(entry.getKey()))
                .toList();
        if (busy.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder();
        if (busy.size() == 1) {
            message.append("Port ")
                    .append(busy.getFirst().getKey())
                    .append(" is already in use, but ")
                    .append(busy.getFirst().getValue())
                    .append(" needs it.");
        } else {
            message.append("These ports are already in use, but the platform needs them:");
            busy.forEach(entry -> message.append("\n  ")
                    .append(entry.getKey())
                    .append(" for ")
                    .append(entry.getValue()));
        }
        List<String> leftovers = new ArrayList<>();
        pidFiles.alive().forEach((name, pid) -> leftovers.add(name + " (pid " + pid + ")"));
        if (!leftovers.isEmpty()) {
            message.append("\nAn earlier run on ")
                    .append(pidFiles.directory().getParent())
                    .append(" is still alive: ")
                    .append(String.join(", ", leftovers))
                    .append(". Stop it with Ctrl-C in its terminal, or: kill ")
                    .append(pidFiles.alive().values().stream()
                            .map(String::valueOf)
                            .collect(Collectors.joining(" ")));
        }
        int first = busy.getFirst().getKey();
        message.append("\nFind what holds a port with: ss -ltnp 'sport = :")
                .append(first)
                .append("' (or lsof -nP -iTCP:")
                .append(first)
                .append(
                        " -sTCP:LISTEN); or move every port with RAPPORT_PORT_OFFSET, e.g. RAPPORT_PORT_OFFSET=100 ./rapport run");
        throw new PlatformException(message.toString());
    }

    /**
     * Whether nothing listens on the port. Both the wildcard and the loopback address are tried: on
     * BSD-like systems a wildcard bind succeeds even when a program listens on 127.0.0.1 only.
     */
    public static boolean isFree(int port) {
        return canBind(new InetSocketAddress(port))
                && canBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    private static boolean canBind(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            // SO_REUSEADDR (the JDK default on Unix) so that connections of a previous run still in
            // TIME_WAIT do not count as busy: the services bind the same way.
            socket.setReuseAddress(true);
            socket.bind(address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

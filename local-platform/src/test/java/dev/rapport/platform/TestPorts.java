package dev.rapport.platform;

import java.util.concurrent.ThreadLocalRandom;

/** Finds a {@code RAPPORT_PORT_OFFSET} whose every port is free, so tests do not collide with a running platform. */
public final class TestPorts {

    private TestPorts() {}

    /**
     * Offsets between 1,000 and 5,000 keep every port (up to 27,027 + offset) below Linux's ephemeral
     * range, where outgoing connections would take ports at random, and away from the default ports.
     */
    public static int freeOffset() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int offset = 1_000 + 10 * ThreadLocalRandom.current().nextInt(400);
            if (new Ports(offset).purposes().keySet().stream().allMatch(PortCheck::isFree)) {
                return offset;
            }
        }
        throw new IllegalStateException("No port offset between 1000 and 5000 has all its ports free");
    }
}

package dev.rapport.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every port of the embedded platform for one {@code RAPPORT_PORT_OFFSET} (docs/runtime-contract.md). */
public record Ports(int offset) {

    static final int KAFKA = 9092;
    static final int KAFKA_CONTROLLER = 9093;
    static final int MONGO = 27027;

    public Ports {
        // The highest port (Mongo) must stay a valid TCP port; a negative offset would reach
        // privileged or already reserved ranges, which is never what someone wants here.
        if (offset < 0 || MONGO + offset > 65_535) {
            throw new PlatformException("RAPPORT_PORT_OFFSET must be between 0 and " + (65_535 - MONGO)
                    + " (it is added to every port, the highest being " + MONGO + "), not " + offset);
        }
    }

    public int http(Service service) {
        return service.basePort() + offset;
    }

    public int management(Service service) {
        return service.baseManagementPort() + offset;
    }

    public int kafka() {
        return KAFKA + offset;
    }

    public int kafkaController() {
        return KAFKA_CONTROLLER + offset;
    }

    public int mongo() {
        return MONGO + offset;
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + kafka();
    }

    public String mongoUri() {
        return "mongodb://127.0.0.1:" + mongo();
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + http(Service.GATEWAY);
    }

    /** Every port with what it is for, in start order, for the free-port check and its messages. */
    public Map<Integer, String> purposes() {
        Map<Integer, String> purposes = new LinkedHashMap<>();
        purposes.put(kafka(), "the Kafka broker");
        purposes.put(kafkaController(), "the Kafka controller");
        purposes.put(mongo(), "the MongoDB-wire server");
        for (Service service : Service.values()) {
            purposes.put(http(service), service.module() + " (HTTP)");
            purposes.put(management(service), service.module() + " (management)");
        }
        return purposes;
    }
}

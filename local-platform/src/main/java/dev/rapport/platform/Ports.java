package dev.rapport.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every port of the embedded platform for one {@code RAPPORT_PORT_OFFSET} (docs/runtime-contract.md), and of the
 * services' second instances when it runs two of each ({@code ./rapport run --instances 2}).
 *
 * @param instances how many instances of each service run (1 or 2)
 */
public record Ports(int offset, int instances) {

    /**
     * Added to a service's ports for its second instance: far above every first-instance port of any offset (the
     * highest, MongoDB's, is 27027 + offset), and never equal to another offset's port since offsets go in tens.
     */
    static final int SECOND_INSTANCE = 20_000;

    static final int KAFKA = 9092;
    static final int KAFKA_CONTROLLER = 9093;
    static final int MONGO = 27027;

    public Ports(int offset) {
        this(offset, 1);
    }

    public Ports {
        if (instances < 1 || instances > 2) {
            throw new PlatformException("--instances must be 1 or 2, not " + instances);
        }
        // The highest port (Mongo) must stay a valid TCP port; a negative offset would reach
        // privileged or already reserved ranges, which is never what someone wants here.
        int highest = instances == 1 ? MONGO : SECOND_INSTANCE + 9_083;
        if (offset < 0 || highest + offset > 65_535) {
            throw new PlatformException("RAPPORT_PORT_OFFSET must be between 0 and " + (65_535 - highest)
                    + " (it is added to every port, the highest being " + highest + "), not " + offset);
        }
    }

    public int http(Service service) {
        return service.basePort() + offset;
    }

    public int management(Service service) {
        return service.baseManagementPort() + offset;
    }

    /** The HTTP port of instance {@code instance} (1 or 2) of a service. */
    public int http(Service service, int instance) {
        return http(service) + (instance - 1) * SECOND_INSTANCE;
    }

    /** The management port of instance {@code instance} (1 or 2) of a service. */
    public int management(Service service, int instance) {
        return management(service) + (instance - 1) * SECOND_INSTANCE;
    }

    /** How many instances of {@code service} run: the gateway is the one entry point, always one. */
    public int instancesOf(Service service) {
        return service == Service.GATEWAY ? 1 : instances;
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
        for (Service service : Service.values()) {
            for (int instance = 2; instance <= instancesOf(service); instance++) {
                purposes.put(http(service, instance), service.module() + " #" + instance + " (HTTP)");
                purposes.put(management(service, instance), service.module() + " #" + instance + " (management)");
            }
        }
        return purposes;
    }
}

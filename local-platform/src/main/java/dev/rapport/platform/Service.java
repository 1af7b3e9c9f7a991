package dev.rapport.platform;

/** The four Spring Boot services of Rapport, with their ports before any offset (docs/runtime-contract.md). */
public enum Service {
    CONTACTS("contacts-service", 8081, 9081, "RAPPORT_CONTACTS_URL"),
    REMINDERS("reminders-service", 8082, 9082, "RAPPORT_REMINDERS_URL"),
    CONTENT("content-service", 8083, 9083, "RAPPORT_CONTENT_URL"),
    GATEWAY("gateway", 8080, 9080, null);

    private final String module;
    private final int basePort;
    private final int baseManagementPort;
    private final String urlVariable;

    Service(String module, int basePort, int baseManagementPort, String urlVariable) {
        this.module = module;
        this.basePort = basePort;
        this.baseManagementPort = baseManagementPort;
        this.urlVariable = urlVariable;
    }

    /** The Maven module, which is also the process name in logs and messages. */
    public String module() {
        return module;
    }

    int basePort() {
        return basePort;
    }

    int baseManagementPort() {
        return baseManagementPort;
    }

    /** The variable through which the gateway finds this service; {@code null} for the gateway itself. */
    String urlVariable() {
        return urlVariable;
    }
}

package dev.rapport.gateway;

/** A setting the gateway cannot start with; reported by {@link GatewayConfigurationFailureAnalyzer}. */
public class GatewayConfigurationException extends IllegalStateException {

    private final String action;

    public GatewayConfigurationException(String problem, String action) {
        super(problem);
        this.action = action;
    }

    public GatewayConfigurationException(String problem, String action, Throwable cause) {
        super(problem, cause);
        this.action = action;
    }

    /** What the operator should change. */
    public String action() {
        return action;
    }
}

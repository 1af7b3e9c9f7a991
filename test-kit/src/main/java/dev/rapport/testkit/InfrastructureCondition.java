package dev.rapport.testkit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the container variant of the integration tests, saying why, when no Docker engine is
 * available; the embedded variant always runs.
 */
public class InfrastructureCondition implements ExecutionCondition {

    private static volatile Boolean docker;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!TestInfrastructure.containersRequested()) {
            return ConditionEvaluationResult.enabled("embedded Kafka (KRaft) and MongoDB-wire server");
        }
        if (docker == null) {
            docker = TestInfrastructure.dockerAvailable();
        }
        return docker
                ? ConditionEvaluationResult.enabled("Kafka and MongoDB containers through Testcontainers")
                : ConditionEvaluationResult.disabled("Skipped the Testcontainers variant: no Docker engine is available"
                        + " (the same test ran against the embedded Kafka broker and MongoDB-wire server)");
    }
}

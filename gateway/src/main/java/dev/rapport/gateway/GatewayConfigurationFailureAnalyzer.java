package dev.rapport.gateway;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link GatewayConfigurationException} into Spring Boot's short "APPLICATION FAILED TO START" report. */
class GatewayConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<GatewayConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, GatewayConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}

package dev.rapport.gateway.routing;

import io.netty.channel.ChannelOption;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/**
 * The HTTP client Spring Cloud LoadBalancer's health check ({@code spring.cloud.loadbalancer.configurations:
 * health-check}) calls each instance's {@code /readyz} with. It looks up a {@code WebClient.Builder} bean, and in
 * Boot 4 that bean comes from {@code spring-boot-webclient}, which the gateway does not otherwise need: without
 * it, the first request to a service with two instances would fail. Its timeout is the check's interval.
 */
@Configuration(proxyBeanMethods = false)
class InstanceHealthChecks {

    @Bean
    @Scope("prototype")
    WebClient.Builder instanceHealthCheckClient() {
        HttpClient http = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000);
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http));
    }
}

package dev.rapport.gateway.server;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Customizes both Reactor Netty servers. Component scanning brings this configuration into the gateway's context,
 * for the public server; {@code META-INF/spring/…ManagementContextConfiguration.imports} brings it into the
 * management child context, for the management server.
 *
 * <p>A {@link WebServerFactoryCustomizer} rather than a {@code NettyServerCustomizer} bean: the management server's
 * factory is created without the context's {@code NettyServerCustomizer} beans, but it is post-processed by the
 * context's factory customizers like the public one.
 */
@ManagementContextConfiguration(proxyBeanMethods = false)
class ServerConfiguration {

    /** See {@link KeepAliveReadResumer}: without it a keep-alive connection can stop being read. */
    @Bean
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> keepAliveReadResumer() {
        return factory -> factory.addServerCustomizers(server -> server.doOnChannelInit(
                (observer, channel, remoteAddress) -> KeepAliveReadResumer.install(channel.pipeline())));
    }
}

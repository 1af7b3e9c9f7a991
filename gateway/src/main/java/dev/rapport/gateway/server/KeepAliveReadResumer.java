package dev.rapport.gateway.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import reactor.netty.NettyPipeline;

/**
 * Works around a Reactor Netty 1.3 server bug that stops reading a keep-alive connection: the client's next request
 * on it is never answered (reactor/reactor-netty#4361, pull request #4347).
 *
 * <p>Reactor Netty's HTTP/1.1 server reads on demand: after each request it has to ask for the next read. When a
 * request arrives before the previous response's handling has finished (the response went out from another thread, a
 * {@code boundedElastic} worker or a proxied service's event loop, and the client was quick), the request is queued.
 * If that queued request is then answered at once, on the event loop, its queued end-of-request marker is handed on
 * only after the answer, and that path never asks for the next read. Nothing reads the connection again and no idle
 * timeout closes it: a health probe or Prometheus scrape on the management port, or an API call on the public port,
 * waits until the client gives up.
 *
 * <p>This handler sits right behind Reactor Netty's traffic handler and sees every request and response on the
 * connection. When a request's end arrives after its response has been written, exactly the case Reactor Netty leaves
 * without a read, it asks for the next read itself. In every other case Reactor Netty's own read stays in charge; an
 * extra read request is harmless, as a read already pending is not repeated and a request read early is queued.
 */
final class KeepAliveReadResumer extends ChannelDuplexHandler {

    static final String NAME = "rapport.keepAliveReadResumer";

    /** Whether the response to the request being received has been written completely. */
    private boolean answered;

    /** Adds the handler to an HTTP/1.1 server connection's pipeline; other pipelines are left alone. */
    static void install(ChannelPipeline pipeline) {
        if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null && pipeline.get(NAME) == null) {
            pipeline.addAfter(NettyPipeline.HttpTrafficHandler, NAME, new KeepAliveReadResumer());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            answered = false;
        }
        boolean resumeReading = answered && msg instanceof LastHttpContent;
        ctx.fireChannelRead(msg);
        if (resumeReading) {
            ctx.read();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        // A full response is also the last content; 100 Continue and other interim responses are not the answer.
        if (msg instanceof LastHttpContent && !isInterim(msg)) {
            answered = true;
        }
        ctx.write(msg, promise);
    }

    private static boolean isInterim(Object msg) {
        return msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    }
}

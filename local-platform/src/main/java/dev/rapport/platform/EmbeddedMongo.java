package dev.rapport.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB-wire server of the embedded default: mongo-java-server in the launcher's JVM with its H2
 * backend on {@code var/mongo/rapport.mv}, so that data survives a clean stop. Its own log goes to
 * {@code var/logs/mongo.log}.
 */
final class EmbeddedMongo {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
    private static final String SERVER_LOGGER = "de.bwaldvogel";

    private final MongoServer server;
    private final Path file;
    private final FileAppender<ILoggingEvent> logAppender;

    private EmbeddedMongo(MongoServer server, Path file, FileAppender<ILoggingEvent> logAppender) {
        this.server = server;
        this.file = file;
        this.logAppender = logAppender;
    }

    static EmbeddedMongo start(Path varDir, Ports ports) {
        Path file = varDir.resolve("mongo").resolve("rapport.mv");
        FileAppender<ILoggingEvent> appender = logTo(varDir.resolve("logs").resolve("mongo.log"));
        H2Backend backend;
        try {
            Files.createDirectories(file.getParent());
            backend = new HelloAwareH2Backend(file.toString());
        } catch (IOException e) {
            detach(appender);
            throw new UncheckedIOException("Cannot create " + file.getParent(), e);
        } catch (RuntimeException e) {
            detach(appender);
            throw new PlatformException(
                    "Cannot open the MongoDB data file " + file + " (" + e.getMessage()
                            + "). Is another platform running on the same var dir?",
                    e);
        }
        MongoServer server = new MongoServer(backend);
        try {
            server.bind("127.0.0.1", ports.mongo());
        } catch (RuntimeException e) {
            backend.close();
            detach(appender);
            throw new PlatformException(
                    "The MongoDB-wire server cannot listen on 127.0.0.1:" + ports.mongo() + ": " + e.getMessage(), e);
        }
        log.info("MongoDB-wire server ready on {} (data {})", ports.mongoUri(), file);
        return new EmbeddedMongo(server, file, appender);
    }

    /** Closes client connections, then the H2 store, which writes everything to the file. */
    void stop() {
        log.info("Closing the MongoDB-wire server ({})", file);
        server.shutdownNow();
        detach(logAppender);
    }

    /**
     * The server logs every command it does not know with a stack trace, and every index it ignores:
     * useful when a query misbehaves, noise on the launcher's console.
     */
    private static FileAppender<ILoggingEvent> logTo(Path logFile) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return null;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("mongo-log");
        appender.setFile(logFile.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        ch.qos.logback.classic.Logger logger = context.getLogger(SERVER_LOGGER);
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(appender);
        return appender;
    }

    private static void detach(FileAppender<ILoggingEvent> appender) {
        if (appender != null && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            ch.qos.logback.classic.Logger logger = context.getLogger(SERVER_LOGGER);
            logger.detachAppender(appender);
            logger.setAdditive(true);
            logger.setLevel(null);
            appender.stop();
        }
    }

    /**
     * The H2 backend, answering {@code hello} and {@code ping} on every database as MongoDB does.
     * mongo-java-server 1.47 knows {@code hello} nowhere and {@code ping} on {@code admin} only, but Spring
     * Boot's MongoDB health indicator sends {@code hello} to each database: without this the services'
     * readiness (which includes MongoDB) would never turn UP.
     */
    static final class HelloAwareH2Backend extends H2Backend {

        HelloAwareH2Backend(String fileName) {
            super(fileName);
        }

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            if (command.equalsIgnoreCase("hello")) {
                Document response = super.handleCommand(channel, databaseName, "ismaster", query);
                response.put("isWritablePrimary", Boolean.TRUE);
                return response;
            }
            if (command.equalsIgnoreCase("ping")) {
                return super.handleCommand(channel, "admin", command, query);
            }
            return super.handleCommand(channel, databaseName, command, query);
        }
    }
}

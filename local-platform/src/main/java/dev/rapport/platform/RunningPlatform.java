package dev.rapport.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded platform while it runs: Kafka, the MongoDB-wire server and the services. {@link #close()}
 * stops them in reverse order (services, Kafka, MongoDB) and may be called from any thread, also while
 * the platform is still starting.
 */
public final class RunningPlatform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningPlatform.class);
    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(20);

    private final PlatformOptions options;
    private final Ports ports;
    private final PidFiles pidFiles;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Object lock = new Object();
    private boolean closing;
    private FileChannel varLockChannel;
    private FileLock varLock;
    private Secrets secrets;
    private EmbeddedMongo mongo;
    private KafkaBroker kafka;
    private final List<ServiceProcess> services = new ArrayList<>();

    RunningPlatform(PlatformOptions options) {
        this.options = options;
        this.ports = options.ports();
        this.pidFiles = new PidFiles(options.varDir().resolve("run"));
    }

    /** Starts everything in order; on failure stops what was started and throws. */
    void start() {
        try {
            lockVarDir();
            PortCheck.requireFree(ports, pidFiles);
            Map<Service, Path> jars = new EnumMap<>(Service.class);
            if (options.startServices()) {
                // Before anything starts: a missing jar is the most common mistake and costs nothing to find.
                for (Service service : Service.values()) {
                    jars.put(service, ServiceProcess.jarOf(options.repoRoot(), service));
                }
            }
            secrets = Secrets.loadOrCreate(options.varDir());
            pidFiles.write("launcher", ProcessHandle.current().pid());

            EmbeddedMongo startedMongo = EmbeddedMongo.start(options.varDir(), ports);
            register(() -> mongo = startedMongo, startedMongo::stop);

            JavaCommand java = JavaCommand.forRepository(options.repoRoot());
            KafkaBroker startedKafka = KafkaBroker.launch(options.varDir(), ports, java, options.startupTimeout());
            register(
                    () -> {
                        kafka = startedKafka;
                        pidFiles.write("kafka", startedKafka.process().pid());
                    },
                    startedKafka::stop);
            startedKafka.awaitReady(ports, options.startupTimeout());
            failIfClosing();

            if (options.startServices()) {
                startServices(jars, java);
            }
        } catch (RuntimeException e) {
            // Said before stopping the rest: the reason comes first, the shutdown lines after it.
            if (!isClosing()) {
                if (e instanceof PlatformException) {
                    log.error("Cannot start the platform:\n{}", e.getMessage());
                } else {
                    log.error("Cannot start the platform", e);
                }
            }
            close();
            throw e;
        }
    }

    /**
     * Starts the four services together and then waits for each: on two cores, overlapping their
     * start-ups finishes sooner than one after the other, and none needs another to start.
     */
    private void startServices(Map<Service, Path> jars, JavaCommand java) {
        List<ServiceProcess> starting = new ArrayList<>();
        for (Service service : Service.values()) {
            for (int instance = 1; instance <= ports.instancesOf(service); instance++) {
                ServiceProcess started = ServiceProcess.start(
                        service,
                        instance,
                        jars.get(service),
                        ports,
                        environment(service, instance, ports, secrets),
                        java,
                        options.varDir());
                register(
                        () -> {
                            services.add(started);
                            pidFiles.write(started.name(), started.process().pid());
                        },
                        () -> started.stop(SERVICE_STOP_GRACE));
                starting.add(started);
            }
        }
        for (ServiceProcess service : starting) {
            service.awaitReady(http, options.startupTimeout());
            failIfClosing();
        }
    }

    /**
     * Records a process that has just started so that {@link #close()} stops it. When close() has
     * already taken its list (Ctrl-C during start-up), nobody else would stop it: stop it here.
     */
    private void register(Runnable record, Runnable stop) {
        boolean tooLate;
        synchronized (lock) {
            tooLate = closing;
            if (!tooLate) {
                record.run();
            }
        }
        if (tooLate) {
            stop.run();
            failIfClosing();
        }
    }

    private void failIfClosing() {
        if (isClosing()) {
            throw new PlatformException("The platform was stopped while starting");
        }
    }

    /** The environment of a service, per docs/runtime-contract.md. */
    static Map<String, String> environment(Service service, Ports ports, Secrets secrets) {
        return environment(service, 1, ports, secrets);
    }

    /**
     * The environment of instance {@code instance} of a service. With two instances of each service, the gateway
     * reaches each through Spring Cloud LoadBalancer ({@code lb://<module>}, round robin) over a static list of both
     * instances (Spring Cloud Commons' simple discovery client, given as {@code SPRING_APPLICATION_JSON}).
     */
    static Map<String, String> environment(Service service, int instance, Ports ports, Secrets secrets) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SERVER_PORT", String.valueOf(ports.http(service, instance)));
        environment.put("MANAGEMENT_SERVER_PORT", String.valueOf(ports.management(service, instance)));
        // Actuator endpoints are never public; the contract keeps them on loopback in the embedded default.
        environment.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
        if (service != Service.GATEWAY) {
            // Only the gateway is an entry point; the services are reached through it.
            environment.put("SERVER_ADDRESS", "127.0.0.1");
        }
        environment.put("RAPPORT_KAFKA_BROKERS", ports.kafkaBootstrap());
        environment.put("RAPPORT_MONGO_URI", ports.mongoUri());
        environment.put("RAPPORT_IDENTITY_SECRET", secrets.identitySecret());
        if (service == Service.GATEWAY) {
            Map<String, Object> instances = new LinkedHashMap<>();
            for (Service backend : Service.values()) {
                if (backend.urlVariable() == null) {
                    continue;
                }
                if (ports.instancesOf(backend) == 1) {
                    environment.put(backend.urlVariable(), "http://127.0.0.1:" + ports.http(backend));
                } else {
                    environment.put(backend.urlVariable(), "lb://" + backend.module());
                    List<Map<String, String>> uris = new ArrayList<>();
                    for (int i = 1; i <= ports.instancesOf(backend); i++) {
                        uris.add(Map.of("uri", "http://127.0.0.1:" + ports.http(backend, i)));
                    }
                    instances.put(backend.module(), uris);
                }
            }
            if (!instances.isEmpty()) {
                environment.put(
                        "SPRING_APPLICATION_JSON",
                        tools.jackson.databind.json.JsonMapper.builder()
                                .build()
                                .writeValueAsString(Map.of(
                                        "spring",
                                        Map.of(
                                                "cloud",
                                                Map.of(
                                                        "discovery",
                                                        Map.of(
                                                                "client",
                                                                Map.of("simple", Map.of("instances", instances))))))));
            }
            environment.put(
                    "RAPPORT_JWT_PUBLIC_KEY", secrets.jwtKeys().publicKeyFile().toString());
        }
        return environment;
    }

    private void lockVarDir() {
        Path lockFile = options.varDir().resolve(".platform.lock");
        try {
            Files.createDirectories(options.varDir());
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock acquired;
            try {
                acquired = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                acquired = null;
            }
            if (acquired == null) {
                channel.close();
                Long launcher = pidFiles.alive().get("launcher");
                throw new PlatformException("Another platform is already running on " + options.varDir()
                        + (launcher == null ? "" : " (launcher pid " + launcher + ")")
                        + ": stop it first, or give this one its own RAPPORT_VAR_DIR and RAPPORT_PORT_OFFSET");
            }
            synchronized (lock) {
                varLockChannel = channel;
                varLock = acquired;
            }
        } catch (IOException e) {
            throw new PlatformException("Cannot use the var dir " + options.varDir() + ": " + e.getMessage(), e);
        }
    }

    /** Completes when a child process ends: while running, that is a crash. */
    CompletableFuture<ChildProcess> anyChildExit() {
        List<ChildProcess> children = new ArrayList<>();
        synchronized (lock) {
            if (kafka != null) {
                children.add(kafka.process());
            }
            services.forEach(service -> children.add(service.process()));
        }
        CompletableFuture<ChildProcess> exited = new CompletableFuture<>();
        children.forEach(child -> child.process().onExit().thenRun(() -> exited.complete(child)));
        return exited;
    }

    boolean isClosing() {
        synchronized (lock) {
            return closing;
        }
    }

    /** Stops the services (all at once), then Kafka, then the MongoDB-wire server; safe to call twice. */
    @Override
    public void close() {
        List<ServiceProcess> toStop;
        KafkaBroker kafkaToStop;
        EmbeddedMongo mongoToStop;
        boolean ownsVarDir;
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            toStop = List.copyOf(services);
            kafkaToStop = kafka;
            mongoToStop = mongo;
            ownsVarDir = varLock != null;
        }
        if (!toStop.isEmpty()) {
            log.info(
                    "Stopping {}",
                    String.join(", ", toStop.stream().map(s -> s.name()).toList()));
            List<Thread> stoppers = toStop.stream()
                    .map(service -> Thread.ofPlatform()
                            .name("stop-" + service.name())
                            .start(() -> service.stop(SERVICE_STOP_GRACE)))
                    .toList();
            for (Thread stopper : stoppers) {
                joinUninterruptibly(stopper);
            }
            toStop.forEach(service -> pidFiles.delete(service.name()));
        }
        if (kafkaToStop != null) {
            kafkaToStop.stop();
            pidFiles.delete("kafka");
        }
        if (mongoToStop != null) {
            mongoToStop.stop();
        }
        // Without the var dir lock the pid files belong to another platform: leave them alone.
        http.shutdownNow();
        if (ownsVarDir) {
            pidFiles.delete("launcher");
            releaseVarLock();
        }
        if (mongoToStop != null) {
            log.info("Stopped.");
        }
    }

    private void releaseVarLock() {
        try {
            if (varLock != null) {
                varLock.release();
            }
            if (varLockChannel != null) {
                varLockChannel.close();
            }
        } catch (IOException e) {
            log.debug("Cannot release the var dir lock", e);
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ faults (./rapport faults)

    /** Kills the Kafka broker with SIGKILL (no shutdown, no flush), as a crash would; answers its pid. */
    public long killKafka() {
        KafkaBroker broker;
        synchronized (lock) {
            broker = kafka;
        }
        if (broker == null) {
            throw new PlatformException("No Kafka broker to kill");
        }
        long pid = broker.process().pid();
        broker.process().process().destroyForcibly();
        if (!broker.process().awaitExit(Duration.ofSeconds(30))) {
            throw new PlatformException("The Kafka broker (pid " + pid + ") did not die within 30 s of SIGKILL");
        }
        pidFiles.delete("kafka");
        log.info("Killed the Kafka broker (pid {}, SIGKILL)", pid);
        return pid;
    }

    /** Starts the Kafka broker again on the same ports and data directory, and waits until it serves clients. */
    public long restartKafka() {
        JavaCommand java = JavaCommand.forRepository(options.repoRoot());
        KafkaBroker restarted = KafkaBroker.launch(options.varDir(), ports, java, options.startupTimeout());
        register(
                () -> {
                    kafka = restarted;
                    pidFiles.write("kafka", restarted.process().pid());
                },
                restarted::stop);
        restarted.awaitReady(ports, options.startupTimeout());
        return restarted.process().pid();
    }

    /**
     * Stops the MongoDB-wire server as its process ending would: its port closes and every client
     * connection drops. {@link #restartMongo()} opens the same data file on the same port.
     */
    public void stopMongo() {
        EmbeddedMongo running;
        synchronized (lock) {
            running = mongo;
            mongo = null;
        }
        if (running == null) {
            throw new PlatformException("No MongoDB-wire server to stop");
        }
        running.stop();
    }

    /** Starts the MongoDB-wire server again on the same port and data file. */
    public void restartMongo() {
        EmbeddedMongo restarted = EmbeddedMongo.start(options.varDir(), ports);
        register(() -> mongo = restarted, restarted::stop);
    }

    /** Kills a service's process with SIGKILL (no shutdown hook, no flush), as a crash would; answers its pid. */
    public long kill(Service service) {
        ServiceProcess victim;
        synchronized (lock) {
            victim = services.stream()
                    .filter(s -> s.service() == service && s.instance() == 1)
                    .findFirst()
                    .orElseThrow(() -> new PlatformException(service.module() + " is not running"));
        }
        long pid = victim.process().pid();
        victim.process().process().destroyForcibly();
        if (!victim.process().awaitExit(Duration.ofSeconds(30))) {
            throw new PlatformException(service.module() + " (pid " + pid + ") did not die within 30 s of SIGKILL");
        }
        synchronized (lock) {
            services.remove(victim);
        }
        pidFiles.delete(service.module());
        log.info("Killed {} (pid {}, SIGKILL)", service.module(), pid);
        return pid;
    }

    /**
     * Stops a service's process as Ctrl-C would (SIGTERM, its shutdown hooks run: its consumers leave their groups);
     * answers its pid. {@link #restart} starts it again.
     */
    public long stop(Service service) {
        ServiceProcess stopping;
        synchronized (lock) {
            stopping = services.stream()
                    .filter(s -> s.service() == service && s.instance() == 1)
                    .findFirst()
                    .orElseThrow(() -> new PlatformException(service.module() + " is not running"));
        }
        long pid = stopping.process().pid();
        stopping.stop(SERVICE_STOP_GRACE);
        synchronized (lock) {
            services.remove(stopping);
        }
        pidFiles.delete(service.module());
        log.info("Stopped {} (pid {})", service.module(), pid);
        return pid;
    }

    /** Starts a service again (after {@link #kill} or {@link #stop}) with the same jar, ports and environment; waits until it is ready. */
    public long restart(Service service) {
        JavaCommand java = JavaCommand.forRepository(options.repoRoot());
        ServiceProcess started = ServiceProcess.start(
                service,
                ServiceProcess.jarOf(options.repoRoot(), service),
                ports,
                environment(service, ports, secrets),
                java,
                options.varDir());
        register(
                () -> {
                    services.add(started);
                    pidFiles.write(service.module(), started.process().pid());
                },
                () -> started.stop(SERVICE_STOP_GRACE));
        started.awaitReady(http, options.startupTimeout());
        return started.process().pid();
    }

    /** Freezes a service's process (SIGSTOP): it holds its connections and answers nothing until resumed. */
    public void pause(Service service) {
        signal(service, "STOP");
    }

    /** Lets a paused service's process go on (SIGCONT). */
    public void resume(Service service) {
        signal(service, "CONT");
    }

    private void signal(Service service, String signal) {
        long pid = pid(service);
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new PlatformException("kill -" + signal + " " + pid + " failed: "
                        + new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new PlatformException("Cannot signal " + service.module() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("Interrupted while signalling " + service.module());
        }
        log.info("Sent SIG{} to {} (pid {})", signal, service.module(), pid);
    }

    /** The pid of a service's process. */
    public long pid(Service service) {
        synchronized (lock) {
            return services.stream()
                    .filter(s -> s.service() == service && s.instance() == 1)
                    .findFirst()
                    .map(s -> s.process().pid())
                    .orElseThrow(() -> new PlatformException(service.module() + " is not running"));
        }
    }

    public PlatformOptions options() {
        return options;
    }

    public Ports ports() {
        return ports;
    }

    public Path varDir() {
        return options.varDir();
    }

    public Path logsDir() {
        return options.varDir().resolve("logs");
    }

    public URI gatewayUrl() {
        return URI.create(ports.gatewayUrl());
    }

    public String kafkaBootstrap() {
        return ports.kafkaBootstrap();
    }

    public String mongoUri() {
        return ports.mongoUri();
    }

    public Secrets secrets() {
        return secrets;
    }

    /** Issues tokens that the gateway of this platform accepts. */
    public TokenIssuer tokenIssuer() {
        return new TokenIssuer(secrets.jwtKeys(), Clock.systemUTC());
    }

    /** Loads the demo member through the gateway (idempotent) and writes {@code var/demo.env}. */
    public DemoData.Result loadDemo() {
        return new DemoData(http, gatewayUrl(), tokenIssuer(), Clock.systemUTC())
                .load(options.varDir().resolve("demo.env"));
    }
}

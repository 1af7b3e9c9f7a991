package dev.rapport.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
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
    static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(20);

    private final PlatformOptions options;
    private final Ports ports;
    private final PidFiles pidFiles;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Object lock = new Object();
    private boolean closing;
    private VarDirLock varLock;
    private Secrets secrets;
    private EmbeddedMongo mongo;
    private KafkaBroker kafka;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final ProcessControls controls = new ProcessControls(this);

    RunningPlatform(PlatformOptions options) {
        this.options = options;
        this.ports = options.ports();
        this.pidFiles = new PidFiles(options.varDir().resolve("run"));
    }

    /** Starts everything in order; on failure (or a {@link #close()} meanwhile) stops what was started and throws. */
    public void start() {
        try {
            VarDirLock acquired = VarDirLock.acquire(options.varDir(), pidFiles);
            synchronized (lock) {
                varLock = acquired;
            }
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
                        ServiceEnvironment.of(service, instance, ports, secrets),
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
        VarDirLock ownedLock;
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            toStop = List.copyOf(services);
            kafkaToStop = kafka;
            mongoToStop = mongo;
            ownedLock = varLock;
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
        if (ownedLock != null) {
            pidFiles.delete("launcher");
            ownedLock.release();
        }
        if (mongoToStop != null) {
            log.info("Stopped.");
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

    // ------------------------------------------------------------------ the processes, for ProcessControls

    /** Kills, stops, pauses and restarts this platform's processes, for the fault scenarios. */
    public ProcessControls controls() {
        return controls;
    }

    PidFiles pidFiles() {
        return pidFiles;
    }

    HttpClient http() {
        return http;
    }

    KafkaBroker kafka() {
        synchronized (lock) {
            return kafka;
        }
    }

    /** Takes a restarted broker in (or stops it when the platform is closing). */
    void adoptKafka(KafkaBroker restarted) {
        register(
                () -> {
                    kafka = restarted;
                    pidFiles.write("kafka", restarted.process().pid());
                },
                restarted::stop);
    }

    /** The MongoDB-wire server, which the platform forgets: the caller stops it. */
    EmbeddedMongo takeMongo() {
        synchronized (lock) {
            EmbeddedMongo running = mongo;
            mongo = null;
            return running;
        }
    }

    void adoptMongo(EmbeddedMongo restarted) {
        register(() -> mongo = restarted, restarted::stop);
    }

    /** The first instance of a service, or a PlatformException when it is not running. */
    ServiceProcess firstInstance(Service service) {
        return instance(service, 1);
    }

    /** Instance {@code instance} (1 or 2) of a service, or a PlatformException when it is not running. */
    ServiceProcess instance(Service service, int instance) {
        synchronized (lock) {
            return services.stream()
                    .filter(s -> s.service() == service && s.instance() == instance)
                    .findFirst()
                    .orElseThrow(
                            () -> new PlatformException(ServiceProcess.name(service, instance) + " is not running"));
        }
    }

    /** Forgets a service process that was killed or stopped. */
    void forget(ServiceProcess gone) {
        synchronized (lock) {
            services.remove(gone);
        }
        pidFiles.delete(gone.name());
    }

    /** Takes a restarted service process in (or stops it when the platform is closing). */
    void adopt(ServiceProcess started) {
        register(
                () -> {
                    services.add(started);
                    pidFiles.write(started.service().module(), started.process().pid());
                },
                () -> started.stop(SERVICE_STOP_GRACE));
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

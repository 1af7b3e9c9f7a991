package dev.rapport.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the fault scenarios ({@code ./rapport faults}) do to a running platform's processes: kill (SIGKILL), stop,
 * pause (SIGSTOP) and resume, and restart them on the same ports and data. {@link RunningPlatform} keeps the
 * processes; this class only acts on them.
 */
public final class ProcessControls {

    private static final Logger log = LoggerFactory.getLogger(ProcessControls.class);

    private final RunningPlatform platform;

    ProcessControls(RunningPlatform platform) {
        this.platform = platform;
    }

    /** Kills the Kafka broker with SIGKILL (no shutdown, no flush), as a crash would; answers its pid. */
    public long killKafka() {
        KafkaBroker broker = platform.kafka();
        if (broker == null) {
            throw new PlatformException("No Kafka broker to kill");
        }
        long pid = broker.process().pid();
        broker.process().process().destroyForcibly();
        if (!broker.process().awaitExit(Duration.ofSeconds(30))) {
            throw new PlatformException("The Kafka broker (pid " + pid + ") did not die within 30 s of SIGKILL");
        }
        platform.pidFiles().delete("kafka");
        log.info("Killed the Kafka broker (pid {}, SIGKILL)", pid);
        return pid;
    }

    /** Starts the Kafka broker again on the same ports and data directory, and waits until it serves clients. */
    public long restartKafka() {
        PlatformOptions options = platform.options();
        JavaCommand java = JavaCommand.forRepository(options.repoRoot());
        KafkaBroker restarted = KafkaBroker.launch(options.varDir(), platform.ports(), java, options.startupTimeout());
        platform.adoptKafka(restarted);
        restarted.awaitReady(platform.ports(), options.startupTimeout());
        return restarted.process().pid();
    }

    /**
     * Stops the MongoDB-wire server as its process ending would: its port closes and every client
     * connection drops. {@link #restartMongo()} opens the same data file on the same port.
     */
    public void stopMongo() {
        EmbeddedMongo running = platform.takeMongo();
        if (running == null) {
            throw new PlatformException("No MongoDB-wire server to stop");
        }
        running.stop();
    }

    /** Starts the MongoDB-wire server again on the same port and data file. */
    public void restartMongo() {
        platform.adoptMongo(EmbeddedMongo.start(platform.varDir(), platform.ports()));
    }

    /** Kills a service's process with SIGKILL (no shutdown hook, no flush), as a crash would; answers its pid. */
    public long kill(Service service) {
        return kill(service, 1);
    }

    /**
     * Kills instance {@code instance} (1 or 2, {@code ./rapport run --instances 2}) of a service with SIGKILL, as a
     * crash would; answers its pid.
     */
    public long kill(Service service, int instance) {
        ServiceProcess victim = platform.instance(service, instance);
        long pid = victim.process().pid();
        victim.process().process().destroyForcibly();
        if (!victim.process().awaitExit(Duration.ofSeconds(30))) {
            throw new PlatformException(victim.name() + " (pid " + pid + ") did not die within 30 s of SIGKILL");
        }
        platform.forget(victim);
        log.info("Killed {} (pid {}, SIGKILL)", victim.name(), pid);
        return pid;
    }

    /** Freezes the Kafka broker (SIGSTOP): its connections stay open and nothing is answered until resumed. */
    public void pauseKafka() {
        signal("the Kafka broker", kafkaPid(), "STOP");
    }

    /** Lets a paused Kafka broker go on (SIGCONT). */
    public void resumeKafka() {
        signal("the Kafka broker", kafkaPid(), "CONT");
    }

    private long kafkaPid() {
        KafkaBroker broker = platform.kafka();
        if (broker == null) {
            throw new PlatformException("No Kafka broker running");
        }
        return broker.process().pid();
    }

    /**
     * Stops a service's process as Ctrl-C would (SIGTERM, its shutdown hooks run: its consumers leave their groups);
     * answers its pid. {@link #restart} starts it again.
     */
    public long stop(Service service) {
        ServiceProcess stopping = platform.firstInstance(service);
        long pid = stopping.process().pid();
        stopping.stop(RunningPlatform.SERVICE_STOP_GRACE);
        platform.forget(stopping);
        log.info("Stopped {} (pid {})", service.module(), pid);
        return pid;
    }

    /** Starts a service again (after {@link #kill} or {@link #stop}) with the same jar, ports and environment; waits until it is ready. */
    public long restart(Service service) {
        PlatformOptions options = platform.options();
        JavaCommand java = JavaCommand.forRepository(options.repoRoot());
        ServiceProcess started = ServiceProcess.start(
                service,
                ServiceProcess.jarOf(options.repoRoot(), service),
                platform.ports(),
                ServiceEnvironment.of(service, platform.ports(), platform.secrets()),
                java,
                options.varDir());
        platform.adopt(started);
        started.awaitReady(platform.http(), options.startupTimeout());
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
        signal(service.module(), pid(service), signal);
    }

    private static void signal(String name, long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new PlatformException("kill -" + signal + " " + pid + " failed: "
                        + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new PlatformException("Cannot signal " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("Interrupted while signalling " + name);
        }
        log.info("Sent SIG{} to {} (pid {})", signal, name, pid);
    }

    /** The pid of a service's process. */
    public long pid(Service service) {
        return platform.firstInstance(service).process().pid();
    }
}

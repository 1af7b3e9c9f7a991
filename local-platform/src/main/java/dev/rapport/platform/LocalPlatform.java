package dev.rapport.platform;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default of Rapport: {@code ./rapport run [--demo] [--instances 2]} starts a real Kafka broker (KRaft),
 * the MongoDB-wire server on disk and the four services (with {@code --instances 2}, two instances of each service
 * behind the one gateway), all state under {@code var/}; Ctrl-C stops them.
 */
public final class LocalPlatform {

    private static final Logger log = LoggerFactory.getLogger(LocalPlatform.class);

    private LocalPlatform() {}

    /** Starts the platform and returns once every process is ready; the caller must {@link RunningPlatform#close()} it. */
    public static RunningPlatform start(PlatformOptions options) {
        RunningPlatform platform = prepare(options);
        platform.start();
        return platform;
    }

    /**
     * The platform, not started yet: for a caller that must be able to stop it while it starts (a shutdown hook that
     * closes it is registered first, then {@link RunningPlatform#start()}; Ctrl-C or SIGTERM during the start then
     * stops whatever had been started).
     */
    public static RunningPlatform prepare(PlatformOptions options) {
        return new RunningPlatform(options);
    }

    /**
     * Whether a start of {@code options}' services would write their {@linkplain StartupCache start-up caches} (the
     * first start of a build does, and is slower to stop) instead of using them.
     */
    public static boolean lacksStartupCaches(PlatformOptions options) {
        return options.startServices()
                && StartupCache.anyServiceTrains(options.repoRoot(), JavaCommand.forRepository(options.repoRoot()));
    }

    /** {@code RAPPORT_VAR_DIR} (relative to the working directory) or {@code var} in the repository. */
    public static Path varDirFromEnvironment() {
        String configured = System.getenv("RAPPORT_VAR_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return PlatformOptions.findRepoRoot().resolve("var");
    }

    private static final String USAGE =
            "usage: LocalPlatform run [--demo] [--instances 1|2]   (normally through ./rapport run [--demo] [--instances 2])";

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (arguments.isEmpty() || arguments.contains("help") || arguments.contains("--help")) {
            System.out.println(USAGE);
            return;
        }
        RunArguments run;
        try {
            if (!arguments.getFirst().equals("run")) {
                throw new IllegalArgumentException("unknown command " + arguments.getFirst());
            }
            run = RunArguments.parse(arguments.subList(1, arguments.size()));
        } catch (IllegalArgumentException e) {
            System.err.println("Unknown arguments " + arguments + " (" + e.getMessage() + "); " + USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(run.demo(), run.instances()));
    }

    /** The options of {@code run}: the demo member, and how many instances of each service. */
    record RunArguments(boolean demo, int instances) {
        static RunArguments parse(List<String> arguments) {
            boolean demo = false;
            int instances = 1;
            for (int i = 0; i < arguments.size(); i++) {
                switch (arguments.get(i)) {
                    case "--demo" -> demo = true;
                    case "--instances" -> {
                        String value = i + 1 < arguments.size() ? arguments.get(++i) : "";
                        if (!value.equals("1") && !value.equals("2")) {
                            throw new IllegalArgumentException("--instances takes 1 or 2, not '" + value + "'");
                        }
                        instances = Integer.parseInt(value);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + arguments.get(i));
                }
            }
            return new RunArguments(demo, instances);
        }
    }

    private static int run(boolean demo, int instances) {
        RunningPlatform platform;
        try {
            platform = new RunningPlatform(PlatformOptions.fromEnvironment().withInstances(instances));
        } catch (PlatformException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        AtomicBoolean stopRequested = new AtomicBoolean();
        // Registered before anything starts, so that Ctrl-C during start-up stops what is already running.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stopRequested.set(true);
                            platform.close();
                        },
                        "rapport-shutdown"));
        try {
            platform.start();
        } catch (RuntimeException e) {
            if (stopRequested.get()) {
                // Ctrl-C while starting: the processes ending is what was asked for, not an error.
                return 130;
            }
            // RunningPlatform.start has said why.
            return 1;
        }
        printWelcome(platform);
        if (demo) {
            try {
                DemoData.Result result = platform.loadDemo();
                System.out.println(
                        result.alreadyLoaded()
                                ? "Demo member '" + DemoData.MEMBER + "' was already loaded (" + result.contacts()
                                        + " contacts)."
                                : "Demo member '" + DemoData.MEMBER + "' loaded: " + result.contacts() + " contacts, "
                                        + result.interactions() + " interactions (" + result.promises()
                                        + " promises) and a content plan.");
                System.out.println("  Its API key (every scope, " + DemoData.API_KEY_VALIDITY.toDays() + " days) is in "
                        + result.envFile() + ":");
                System.out.println("    set -a; . " + relative(platform, result.envFile()) + "; set +a");
                System.out.println("    curl -H \"Authorization: Bearer $RAPPORT_API_KEY\" " + platform.gatewayUrl()
                        + "/api/v1/reminders?status=open");
            } catch (PlatformException e) {
                // The platform itself is fine: keep it running so the failing call can be investigated.
                log.error("The demo data could not be loaded (the platform keeps running):\n{}", e.getMessage());
            }
        }
        System.out.println();
        System.out.println("Press Ctrl-C to stop everything.");
        try {
            ChildProcess exited = platform.anyChildExit().get();
            if (stopRequested.get() || platform.isClosing()) {
                return 0;
            }
            log.error(
                    "{}",
                    exited.failure(exited.name() + " exited unexpectedly (exit code " + exited.exitValue()
                            + "): stopping the platform"));
            platform.close();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException e) {
            log.error("Lost track of the child processes", e);
            platform.close();
            return 1;
        }
    }

    private static void printWelcome(RunningPlatform platform) {
        Ports ports = platform.ports();
        String gateway = ports.gatewayUrl();
        String logs = relative(platform, platform.logsDir());
        System.out.println();
        System.out.println("Rapport is running.");
        System.out.println("  Gateway (API)    " + gateway);
        System.out.println("  Swagger UI       " + gateway + "/swagger-ui.html");
        System.out.println("  Kafka            " + ports.kafkaBootstrap());
        System.out.println("  MongoDB (wire)   " + ports.mongoUri());
        System.out.println("  Logs             " + logs + "/  (e.g. tail -f " + logs + "/gateway.log)");
        // The token command must sign with this run's keys, which live in its var dir.
        String varDir = platform.varDir().equals(platform.options().repoRoot().resolve("var"))
                ? ""
                : "RAPPORT_VAR_DIR=" + platform.varDir() + " ";
        System.out.println("Authenticate with a member token (12 hours):");
        System.out.println("  TOKEN=$(" + varDir + "./rapport token MEMBER)");
        System.out.println("  curl -H \"Authorization: Bearer $TOKEN\" " + gateway + "/api/v1/contacts");
    }

    /** A path relative to the repository when it is inside it: shorter to read and to paste. */
    private static String relative(RunningPlatform platform, Path path) {
        Path root = platform.options().repoRoot();
        return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }
}

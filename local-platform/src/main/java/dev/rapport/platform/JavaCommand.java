package dev.rapport.platform;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How to start a child JVM: the launcher's own {@code java}, and the class path of the Kafka broker. */
record JavaCommand(Path java, String classpath) {

    /**
     * How every child JVM (services, gateway, broker) manages its memory, chosen by measurement (docs/benchmarks.md,
     * idle memory): the serial collector (several JVMs on two cores gain nothing from parallel collection); a heap
     * that starts at 32 MB (the default initial heap, 1/64 of the machine's memory, is touched and stays resident),
     * grows while under 10 % of it is free after a collection and gives back what is over 20 % free; and the native
     * memory freed by the JVM (the compilers' arenas above all) returned to the system every 5 s instead of kept by
     * the C library's allocator. Idle, these took the platform from 1,697 to about 1,450 MB resident. The launcher's
     * own JVM (the store) keeps G1, with a small initial heap and the same native trimming (the {@code rapport}
     * script).
     */
    static final List<String> MEMORY_FLAGS = List.of(
            "-Xms32m",
            "-XX:+UseSerialGC",
            "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=20",
            "-XX:TrimNativeHeapInterval=5000");

    /**
     * The {@code java} of the running JVM (so children get the same, checked, JDK) and the class path of
     * local-platform: its classes and the runtime jars copied to target/lib at package time. The JVM's
     * own class path is the fallback, e.g. when started from an IDE.
     */
    static JavaCommand forRepository(Path repoRoot) {
        Path java = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
        Path module = repoRoot.resolve("local-platform").resolve("target");
        String classpath = Files.isDirectory(module.resolve("lib")) && Files.isDirectory(module.resolve("classes"))
                ? module.resolve("classes") + File.pathSeparator + module.resolve("lib") + File.separator + "*"
                : System.getProperty("java.class.path");
        return new JavaCommand(java, classpath);
    }

    private static boolean isWindows() {
        return System.getProperty("os.name").startsWith("Windows");
    }

    /** {@code java <flags> -cp <classpath> <mainClass> <args>}. */
    List<String> mainClass(List<String> jvmFlags, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    /** {@code java <flags> -jar <jar>}. */
    List<String> jar(List<String> jvmFlags, Path jar) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }
}

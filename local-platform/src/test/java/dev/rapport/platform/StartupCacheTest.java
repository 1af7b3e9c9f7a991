package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up cache's preparation; that a build's first start writes the cache and the next maps it: LocalPlatformIT. */
class StartupCacheTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final JavaCommand JAVA = JavaCommand.forRepository(REPO);

    @TempDir
    Path target;

    @Test
    void aBuildsJarIsExtractedOnceAndARebuiltOneReplacesIt() throws IOException {
        Path bootJar = copyOfTheGatewaysJar();

        StartupCache first = StartupCache.prepare(bootJar, JAVA, Map.of());
        StartupCache again = StartupCache.prepare(bootJar, JAVA, Map.of());

        assertThat(first.jar())
                .isRegularFile()
                .hasFileName(bootJar.getFileName().toString());
        assertThat(first.jar().resolveSibling("lib")).isDirectory();
        assertThat(first.jar().getParent().getParent()).isEqualTo(target.resolve(StartupCache.DIRECTORY));
        assertThat(again.jar()).isEqualTo(first.jar());
        if (Runtime.version().feature() >= StartupCache.AOT_CACHE_JDK) {
            // No cache yet: this start trains, into a file of its own, and the cache is named after the JDK.
            assertThat(first.trains()).isTrue();
            assertThat(first.flags()).contains("-XX:AOTCacheOutput=" + first.training());
            assertThat(again.training()).isNotEqualTo(first.training());
            assertThat(first.cache().getFileName().toString())
                    .startsWith("jdk-" + Runtime.version().feature())
                    .endsWith(".aot");

            Files.writeString(first.training(), "a cache");
            first.afterExit(true);
            assertThat(first.cache()).hasContent("a cache");
            assertThat(first.training()).doesNotExist();
            StartupCache cached = StartupCache.prepare(bootJar, JAVA, Map.of());
            assertThat(cached.trains()).isFalse();
            assertThat(cached.flags()).containsExactly("-XX:AOTCache=" + first.cache());
        } else {
            assertThat(first.flags()).isEmpty();
        }

        Files.setLastModifiedTime(
                bootJar, FileTime.fromMillis(Files.getLastModifiedTime(bootJar).toMillis() + 1000));
        StartupCache rebuilt = StartupCache.prepare(bootJar, JAVA, Map.of());

        assertThat(rebuilt.jar()).isRegularFile().isNotEqualTo(first.jar());
        assertThat(first.jar().getParent()).doesNotExist();
        assertThat(rebuilt.trains()).isEqualTo(Runtime.version().feature() >= StartupCache.AOT_CACHE_JDK);
    }

    @Test
    void aTrainingThatWasKilledLeavesNoCache() throws IOException {
        assumeTrue(Runtime.version().feature() >= StartupCache.AOT_CACHE_JDK, "the AOT cache needs a JDK 25");
        StartupCache training = StartupCache.prepare(copyOfTheGatewaysJar(), JAVA, Map.of());
        Files.writeString(training.training(), "half a cache");
        Files.writeString(training.training().resolveSibling(training.training().getFileName() + ".config"), "x");

        training.afterExit(false);

        try (Stream<Path> left = Files.list(training.jar().getParent())) {
            assertThat(left.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder(training.jar().getFileName().toString(), "lib");
        }
    }

    @Test
    void aJarThatCannotBeExtractedStartsAsItIs() throws IOException {
        Path notABootJar = Files.writeString(target.resolve("gateway-0.1.0.jar"), "not a jar");

        StartupCache start = StartupCache.prepare(notABootJar, JAVA, Map.of());

        assertThat(start.jar()).isEqualTo(notABootJar);
        assertThat(start.flags()).isEmpty();
        assertThat(start.trains()).isFalse();
        try (Stream<Path> left = Files.list(target.resolve(StartupCache.DIRECTORY))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void offStartsFromTheSpringBootJar() {
        Path jar = target.resolve("gateway-0.1.0.jar");

        StartupCache start = StartupCache.prepare(jar, JAVA, Map.of(StartupCache.VARIABLE, "off"));

        assertThat(start).isEqualTo(StartupCache.none(jar));
        assertThat(start.flags()).isEqualTo(List.of());
    }

    private Path copyOfTheGatewaysJar() throws IOException {
        Path jar = ServiceProcess.jarOf(REPO, Service.GATEWAY);
        return Files.copy(jar, target.resolve(jar.getFileName()));
    }
}

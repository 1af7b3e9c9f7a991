package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store keeps chunks no current page uses for ten minutes instead of H2's 45 s, so that a scan that
 * began on an older version can still read them: with 45 s, twenty long exports at once on a slow machine failed with
 * "Chunk … not found" (docs/embedded-store.md). Checked on the store as the platform opens it.
 */
class StoreRetentionTest {

    @Test
    void chunksAreKeptForTenMinutes(@TempDir Path dir) {
        EmbeddedMongo.PlatformH2Backend backend =
                new EmbeddedMongo.PlatformH2Backend(dir.resolve("store.mv").toString());
        try {
            assertThat(Duration.ofMillis(backend.getMvStore().getRetentionTime()))
                    .isEqualTo(Duration.ofMinutes(10));
        } finally {
            backend.close();
        }
    }
}

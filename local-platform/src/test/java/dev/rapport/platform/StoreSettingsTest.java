package dev.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import org.h2.mvstore.FileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H2 settings of the embedded store, checked on the store as the platform opens it (docs/embedded-store.md). */
class StoreSettingsTest {

    /**
     * Chunks no current page uses are kept for ten minutes instead of H2's 45 s, so that a scan that began on an older
     * version can still read them: with 45 s, twenty long exports at once on a slow machine failed with "Chunk … not
     * found".
     */
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

    /**
     * A page cache of 64 MB instead of H2's 16, and no background compaction: after the interactions benchmark, a
     * read-only load spent most of the launcher's CPU in the cache's evictions and in compaction rewriting chunks.
     */
    @Test
    void aLargerCacheAndNoBackgroundCompaction(@TempDir Path dir) throws Exception {
        EmbeddedMongo.PlatformH2Backend backend =
                new EmbeddedMongo.PlatformH2Backend(dir.resolve("store.mv").toString());
        try {
            assertThat(backend.getMvStore().getCacheSize()).isEqualTo(64);
            // FileStore.getAutoCompactFillRate is protected; 0 is H2's "never compact in the background".
            Method fillRate = FileStore.class.getDeclaredMethod("getAutoCompactFillRate");
            fillRate.setAccessible(true);
            assertThat(fillRate.invoke(backend.getMvStore().getFileStore())).isEqualTo(0);
        } finally {
            backend.close();
        }
    }
}

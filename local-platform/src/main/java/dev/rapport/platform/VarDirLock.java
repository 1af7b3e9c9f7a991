package dev.rapport.platform;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The lock on a var dir ({@code .platform.lock}): one platform per var dir, its pid files its own. */
final class VarDirLock {

    private static final Logger log = LoggerFactory.getLogger(VarDirLock.class);

    private final FileChannel channel;
    private final FileLock lock;

    private VarDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of {@code varDir}, or throws naming the launcher that holds it. */
    static VarDirLock acquire(Path varDir, PidFiles pidFiles) {
        Path lockFile = varDir.resolve(".platform.lock");
        try {
            Files.createDirectories(varDir);
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
                throw new PlatformException("Another platform is already running on " + varDir
                        + (launcher == null ? "" : " (launcher pid " + launcher + ")")
                        + ": stop it first, or give this one its own RAPPORT_VAR_DIR and RAPPORT_PORT_OFFSET");
            }
            return new VarDirLock(channel, acquired);
        } catch (IOException e) {
            throw new PlatformException("Cannot use the var dir " + varDir + ": " + e.getMessage(), e);
        }
    }

    void release() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            log.debug("Cannot release the var dir lock", e);
        }
    }
}

package io.jenkins.plugins.deploytrain.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The file operations every durable store of the engine is built from: a write that is on disk before it
 * returns and replaces the old file in one step, and one writer at a time across threads and processes.
 */
public final class DurableFiles {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private DurableFiles() {}

    /** Writes {@code bytes} to {@code path} and forces them to disk (the file is created or truncated). */
    public static void writeSynced(Path path, byte[] bytes) throws IOException {
        try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
    }

    /** Forces a folder's entries (a rename, a new file) to disk. */
    public static void syncDir(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /**
     * Replaces {@code path} by {@code bytes} so that a reader, or a crash at any instant, sees the old file or the
     * new one, never a mix: a synced temporary file renamed over it, and the rename synced.
     */
    public static void replaceAtomically(Path path, byte[] bytes) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        writeSynced(tmp, bytes);
        try {
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDir(path.toAbsolutePath().getParent());
    }

    /** The file's bytes, or empty when there is no such file. */
    public static Optional<byte[]> readIfPresent(Path path) {
        try {
            return Optional.of(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    /**
     * Runs {@code action} as the only writer of {@code lockFile}'s store: threads of this process queue on an
     * in-process lock (a JVM may hold a file lock only once), processes on the file's lock. Reentrant: a read
     * inside a change of the same store runs under the lock already held.
     */
    public static <T> T locked(Path lockFile, Supplier<T> action) {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock threads = IN_PROCESS.computeIfAbsent(key, f -> new ReentrantLock());
        threads.lock();
        try {
            if (threads.getHoldCount() > 1) {
                return action.get();
            }
            try (FileChannel channel = open(key);
                    FileLock processes = channel.lock()) {
                return action.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + key, e);
        } finally {
            threads.unlock();
        }
    }

    /** The lock file, creating its folder the first time only (not on every write: that is a failed mkdir each time). */
    private static FileChannel open(Path lockFile) throws IOException {
        try {
            return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (NoSuchFileException noFolder) {
            Files.createDirectories(lockFile.getParent());
            return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
    }
}

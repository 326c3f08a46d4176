package io.jenkins.plugins.deploytrain.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A job's ledger as one JSON file in a folder ({@code ledger.json}), written atomically: the new content goes
 * to a temp file that is fsync'd, the current file becomes {@code ledger.json.prev} (a hard link, so the last
 * good copy survives any damage to the current one), the temp file is renamed over the current one and the
 * folder is fsync'd. A lock file serialises writers across processes, a lock per path across threads, and
 * the compare-and-set on the revision makes a stale writer lose instead of overwrite.
 */
public final class FileLedgerStore implements LedgerStore {

    public static final String FILE = "ledger.json";
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path dir;
    private final Path file;
    private final Retention retention;

    public FileLedgerStore(Path dir, Retention retention) {
        this.dir = dir.toAbsolutePath().normalize();
        this.file = this.dir.resolve(FILE);
        this.retention = retention;
    }

    public FileLedgerStore(Path dir) {
        this(dir, Retention.DEFAULT);
    }

    public Path file() {
        return file;
    }

    static Path previousOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".prev");
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public Optional<Ledger> load() {
        Optional<byte[]> bytes = readIfPresent(file);
        if (bytes.isEmpty()) {
            if (Files.exists(previousOf(file))) {
                throw new LedgerDamagedException(file, "the file is missing although its previous copy exists", readPrevious());
            }
            return Optional.empty();
        }
        try {
            return Optional.of(LedgerJson.parse(bytes.get()));
        } catch (IllegalArgumentException damaged) {
            throw new LedgerDamagedException(file, damaged.getMessage(), readPrevious());
        }
    }

    @Override
    public Ledger compareAndSet(long expectedRevision, Ledger next) {
        return locked(() -> {
            long actual = load().map(Ledger::revision).orElse(0L);
            if (actual != expectedRevision) {
                throw new RevisionConflictException(location(), expectedRevision, actual);
            }
            Ledger stored = retention.apply(next).atRevision(expectedRevision + 1);
            write(stored);
            return stored;
        });
    }

    /**
     * Replaces a damaged ledger with its intact previous copy; the damaged file is kept beside it as
     * {@code ledger.json.damaged} for inspection. Returns the restored ledger.
     */
    public Ledger restorePrevious() {
        return locked(() -> {
            Ledger previous = readPrevious().orElseThrow(() -> new LedgerException(
                    "Cannot restore " + file + ": its previous copy " + previousOf(file) + " is missing or damaged too"));
            try {
                if (Files.exists(file)) {
                    Files.move(file, file.resolveSibling(FILE + ".damaged"), StandardCopyOption.REPLACE_EXISTING);
                }
                Ledger restored = previous.atRevision(previous.revision() + 1);
                Path tmp = file.resolveSibling(FILE + ".tmp");
                writeSynced(tmp, LedgerJson.render(restored));
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                syncDir();
                return restored;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot restore " + file, e);
            }
        });
    }

    private Optional<Ledger> readPrevious() {
        try {
            return readIfPresent(previousOf(file)).map(LedgerJson::parse);
        } catch (IllegalArgumentException damagedToo) {
            return Optional.empty();
        }
    }

    private void write(Ledger stored) {
        try {
            Path tmp = file.resolveSibling(FILE + ".tmp");
            writeSynced(tmp, LedgerJson.render(stored));
            if (Files.exists(file)) {
                keepAsPrevious();
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            syncDir();
        } catch (AtomicMoveNotSupportedException e) {
            throw new LedgerException("The folder " + dir + " does not support atomic renames; put the state on a local file system", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the ledger " + file, e);
        }
    }

    /** The current file is intact (it was written this way), so it becomes the previous copy without a copy. */
    private void keepAsPrevious() throws IOException {
        Path linkTmp = file.resolveSibling(FILE + ".prev.tmp");
        Files.deleteIfExists(linkTmp);
        try {
            Files.createLink(linkTmp, file);
        } catch (UnsupportedOperationException | FileAlreadyExistsException noHardLinks) {
            Files.copy(file, linkTmp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(linkTmp, previousOf(file), StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeSynced(Path path, byte[] bytes) throws IOException {
        try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
    }

    private void syncDir() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private static Optional<byte[]> readIfPresent(Path path) {
        try {
            return Optional.of(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the ledger " + path, e);
        }
    }

    private <T> T locked(java.util.function.Supplier<T> action) {
        ReentrantLock threads = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        threads.lock();
        try {
            Files.createDirectories(dir);
            try (FileChannel lockFile = FileChannel.open(dir.resolve(FILE + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                    FileLock processes = lockFile.lock()) {
                return action.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock the ledger " + file, e);
        } finally {
            threads.unlock();
        }
    }
}

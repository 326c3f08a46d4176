package io.jenkins.plugins.deploytrain.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.SoftReference;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A job's ledger in a folder as a snapshot ({@code ledger.json}, the whole ledger with its SHA-256) and a journal
 * ({@code ledger.journal}) of the transitions since that snapshot, one small CRC-32C-checked record each. A write
 * appends one record and fsyncs it, so it costs the size of what changed, not of the train; when a train ends, and
 * otherwise after at least {@value #COMPACT_EVERY} records once the journal is as large as the snapshot (so the
 * snapshot's cost, which grows with the train, is spread over as many records), the ledger is written whole as the
 * next snapshot (temp file, fsync, rename, folder fsync) and a new journal starts. The snapshot and journal they replace are kept as
 * {@code ledger.json.prev} and {@code ledger.journal.prev}.
 *
 * <p>A lock file serialises writers across processes, a lock per path across threads, and the compare-and-set on
 * the revision makes a stale writer lose instead of overwrite. Each process keeps the ledger it last read or wrote
 * per folder and only reads the journal records appended since (files it has not seen change, by inode, size and
 * modification time, are not read again), so a read costs the size of the new records too.
 *
 * <p>A last record cut short (its writer died during the append, before the side effect it announces could start)
 * is dropped; any other damage is refused with {@link LedgerDamagedException}, which offers the previous state:
 * for a damaged snapshot the previous snapshot replayed with the journals that continue it, for a damaged record
 * the snapshot with the records before it.
 */
public final class FileLedgerStore implements LedgerStore {

    public static final String FILE = "ledger.json";
    public static final String JOURNAL = "ledger.journal";
    /** The fewest journal records between two snapshots: a snapshot costs the whole ledger, so it is paid once per so many writes. */
    public static final int COMPACT_EVERY = 500;
    /** The ledgers whose {@link #update} change this thread is running. */
    private static final ThreadLocal<Set<Path>> CHANGING = ThreadLocal.withInitial(HashSet::new);

    private static final int FOLDERS_KEPT = 16;
    /**
     * The ledger last read or written, per snapshot file, for the folders used last (a Jenkins has many jobs), held
     * softly: under memory pressure a ledger is read again rather than kept.
     */
    private static final Map<Path, SoftReference<Loaded>> LOADED = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, SoftReference<Loaded>> eldest) {
            return size() > FOLDERS_KEPT;
        }
    });

    private final Path dir;
    private final Path file;
    private final Path journal;
    private final Retention retention;
    private final int compactEvery;
    private final boolean growWithSnapshot;

    /** A store that writes a snapshot exactly every {@code compactEvery} records (and when a train ends). */
    public FileLedgerStore(Path dir, Retention retention, int compactEvery) {
        this(dir, retention, compactEvery, false);
    }

    /**
     * @param growWithSnapshot also wait until the journal is as large as the snapshot, so that a snapshot's cost
     *     (which grows with the train) is spread over as many records as it is large: constant per record
     */
    private FileLedgerStore(Path dir, Retention retention, int compactEvery, boolean growWithSnapshot) {
        if (compactEvery < 1) {
            throw new IllegalArgumentException("a snapshot is written at least every record, not every " + compactEvery);
        }
        this.dir = dir.toAbsolutePath().normalize();
        this.file = this.dir.resolve(FILE);
        this.journal = this.dir.resolve(JOURNAL);
        this.retention = retention;
        this.compactEvery = compactEvery;
        this.growWithSnapshot = growWithSnapshot;
    }

    /**
     * A store that writes a snapshot when a train ends and otherwise after at least {@value #COMPACT_EVERY}
     * records, once the journal is as large as the snapshot.
     */
    public FileLedgerStore(Path dir, Retention retention) {
        this(dir, retention, COMPACT_EVERY, true);
    }

    public FileLedgerStore(Path dir) {
        this(dir, Retention.DEFAULT);
    }

    /** The snapshot, {@code ledger.json}. */
    public Path file() {
        return file;
    }

    /** The journal of the transitions since the snapshot, {@code ledger.journal}. */
    public Path journal() {
        return journal;
    }

    static Path previousOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".prev");
    }

    @Override
    public String location() {
        return file.toString();
    }

    /** A file as it is now, to tell that it did not change since it was read without reading it. */
    private record Stamp(Object key, long size, FileTime modified) {
        static Optional<Stamp> of(Path path) throws IOException {
            try {
                BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
                return Optional.of(new Stamp(a.fileKey(), a.size(), a.lastModifiedTime()));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * The ledger as read from the folder: from which snapshot, and how far into which journal.
     *
     * @param journalKey the journal file's identity, null when there is none
     * @param continues whether that journal continues the snapshot (false: left by a compaction that died, and
     *     everything in it is in the snapshot)
     * @param journalEnd where its last intact record ends
     */
    private record Loaded(Ledger ledger, Stamp snapshot, String snapshotChecksum, Object journalKey, boolean continues,
            long journalEnd, int records) {
        Loaded advanced(Ledger next, long end) {
            return new Loaded(next, snapshot, snapshotChecksum, journalKey, continues, end, records + 1);
        }
    }

    /** The first record of every journal: which snapshot it continues. */
    record JournalHeader(int journal, long base, String checksum) {}

    /** Forgets what this process read, so the next read is what a new process would read (tests, benchmarks). */
    static void forgetLoaded() {
        LOADED.clear();
    }

    @Override
    public Optional<Ledger> load() {
        Loaded cached = loaded();
        if (cached != null) {
            Loaded current = caughtUp(cached);
            if (current != null) {
                return Optional.of(current.ledger());
            }
        }
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        return Optional.ofNullable(locked(this::readFresh)).map(Loaded::ledger);
    }

    /**
     * The cached ledger with the records appended since, read without the lock; null when a whole read is needed
     * (a new snapshot, a new journal, or something that does not check out, which the whole read reports). The
     * journal is opened before the files are looked at: if both are still the ones read, the open file is that
     * journal (a compaction replaces the snapshot before the journal).
     */
    private Loaded caughtUp(Loaded cached) {
        try (FileChannel in = FileChannel.open(journal, StandardOpenOption.READ)) {
            if (!Stamp.of(file).equals(Optional.of(cached.snapshot()))
                    || !Objects.equals(Stamp.of(journal).map(Stamp::key).orElse(null), cached.journalKey())) {
                return null;
            }
            long size = in.size();
            if (!cached.continues() || size == cached.journalEnd()) {
                return cached;
            }
            if (size < cached.journalEnd()) {
                return null;
            }
            ByteBuffer appended = ByteBuffer.allocate(Math.toIntExact(size - cached.journalEnd()));
            while (appended.hasRemaining() && in.read(appended, cached.journalEnd() + appended.position()) >= 0) {
                // read until the size seen
            }
            JournalFrames.Scan scan = JournalFrames.scan(appended.array(), cached.journalEnd());
            if (scan.damaged()) {
                return null;
            }
            Loaded next = cached;
            for (JournalFrames.Frame frame : scan.frames()) {
                next = next.advanced(transition(frame).applyTo(next.ledger()), frame.end());
            }
            remember(next);
            return next;
        } catch (NoSuchFileException noJournal) {
            return cached.journalKey() == null && sameSnapshot(cached) ? cached : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private boolean sameSnapshot(Loaded cached) {
        try {
            return Stamp.of(file).equals(Optional.of(cached.snapshot()));
        } catch (IOException e) {
            return false;
        }
    }

    private Loaded loaded() {
        SoftReference<Loaded> kept = LOADED.get(file);
        return kept == null ? null : kept.get();
    }

    private void keep(Loaded loaded) {
        LOADED.put(file, new SoftReference<>(loaded));
    }

    /** Keeps a state read without the lock unless another thread kept a newer one meanwhile. */
    private void remember(Loaded loaded) {
        synchronized (LOADED) {
            Loaded kept = loaded();
            if (kept == null || loaded.ledger().revision() >= kept.ledger().revision()) {
                keep(loaded);
            }
        }
    }

    @Override
    public Ledger compareAndSet(long expectedRevision, Ledger next) {
        refuseWriteInsideChange();
        return locked(() -> {
            Loaded current = current();
            long actual = current == null ? 0L : current.ledger().revision();
            if (actual != expectedRevision) {
                throw new RevisionConflictException(location(), expectedRevision, actual);
            }
            return store(current, next);
        });
    }

    /**
     * Reads, changes and writes under the lock, so that no other writer can come in between: the read that
     * {@link LedgerStore#update} makes before taking the lock, and its retry, are not needed (the change is a pure
     * function of the ledger, as there).
     */
    @Override
    public Ledger update(String job, UnaryOperator<Ledger> change) {
        refuseWriteInsideChange();
        return locked(() -> {
            Loaded current = current();
            Ledger before = current == null ? Ledger.empty(job) : current.ledger();
            Set<Path> changing = CHANGING.get();
            changing.add(file);
            Ledger next;
            try {
                next = change.apply(before);
            } finally {
                changing.remove(file);
            }
            return LedgerTransition.same(next, before) ? before : store(current, next);
        });
    }

    /**
     * The lock is reentrant (a change may read the ledger), so a change that wrote the same ledger would write
     * without its revision being checked and be overwritten by the change's own result: refused, loudly.
     */
    private void refuseWriteInsideChange() {
        if (CHANGING.get().contains(file)) {
            throw new IllegalStateException("a change of the ledger " + file + " may read it but not write it");
        }
    }

    /** Under the lock: writes {@code next} at the revision after {@code current}'s, as a journal record when it can. */
    private Ledger store(Loaded current, Ledger next) {
        long revision = current == null ? 0L : current.ledger().revision();
        Ledger stored = retention.apply(next).atRevision(revision + 1);
        Optional<LedgerTransition> transition = current == null ? Optional.empty()
                : LedgerTransition.between(current.ledger(), stored);
        if (transition.isEmpty()) {
            writeSnapshot(stored);
            return stored;
        }
        Loaded appended = append(current, transition.get(), stored);
        if (appended.records() >= compactEvery && (!growWithSnapshot || appended.journalEnd() >= appended.snapshot().size())
                || aTrainEnded(transition.get())) {
            compact(stored);
        }
        return stored;
    }

    /** Under the lock: the ledger as stored now, caught up with the journal, or null when there is none. */
    private Loaded current() {
        Loaded cached = loaded();
        Loaded current = cached == null ? null : caughtUpUnderLock(cached);
        return current != null ? current : readFresh();
    }

    /**
     * {@link #caughtUp} for a holder of the lock: no writer can replace the files meanwhile, so their stamps alone
     * tell that nothing changed, without opening the journal; records another process appended are read as there.
     */
    private Loaded caughtUpUnderLock(Loaded cached) {
        try {
            if (!Stamp.of(file).equals(Optional.of(cached.snapshot()))) {
                return null;
            }
            Optional<Stamp> records = Stamp.of(journal);
            if (records.isEmpty()) {
                return cached.journalKey() == null ? cached : null;
            }
            if (!Objects.equals(records.get().key(), cached.journalKey())) {
                return null;
            }
            return !cached.continues() || records.get().size() == cached.journalEnd() ? cached : caughtUp(cached);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean aTrainEnded(LedgerTransition t) {
        return t.changed() != null && t.changed().stream().anyMatch(c -> c.status().finished())
                || t.added() != null && t.added().stream().anyMatch(a -> a.status().finished());
    }

    /** Appends the transition's record and fsyncs it: from then on the write is durable. */
    private Loaded append(Loaded current, LedgerTransition transition, Ledger stored) {
        try {
            Loaded base = current.continues() ? current : startJournal(current);
            byte[] record = JournalFrames.frame(LedgerJson.mapper().writeValueAsBytes(transition));
            try (FileChannel out = FileChannel.open(journal, StandardOpenOption.WRITE)) {
                if (out.size() != base.journalEnd()) {
                    out.truncate(base.journalEnd()); // a record cut short by a writer that died: it never happened
                }
                try {
                    ByteBuffer buffer = ByteBuffer.wrap(record);
                    long at = base.journalEnd();
                    while (buffer.hasRemaining()) {
                        at += out.write(buffer, at);
                    }
                    out.force(false);
                } catch (IOException failed) {
                    // refused to the caller, so it must not be read later either (a full disk, an I/O error)
                    try {
                        out.truncate(base.journalEnd());
                    } catch (IOException alsoFailed) {
                        failed.addSuppressed(alsoFailed);
                    }
                    throw failed;
                }
            }
            Loaded appended = base.advanced(stored, base.journalEnd() + record.length);
            keep(appended);
            return appended;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a transition always serializes", e);
        } catch (IOException e) {
            LOADED.remove(file); // the next read looks at the files again
            throw new UncheckedIOException("Cannot write the ledger " + file + " (appending to its journal " + journal.getFileName() + ")", e);
        }
    }

    /** A journal that continues the snapshot, replacing one that does not (left by a compaction that died). */
    private Loaded startJournal(Loaded current) throws IOException {
        long end = writeJournalHeader(current.ledger().revision(), current.snapshotChecksum());
        return new Loaded(current.ledger(), current.snapshot(), current.snapshotChecksum(),
                Stamp.of(journal).orElseThrow().key(), true, end, 0);
    }

    private long writeJournalHeader(long base, String checksum) throws IOException {
        byte[] header = JournalFrames.frame(LedgerJson.mapper().writeValueAsBytes(new JournalHeader(1, base, checksum)));
        Path tmp = journal.resolveSibling(JOURNAL + ".tmp");
        writeSynced(tmp, header);
        Files.move(tmp, journal, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDir();
        return header.length;
    }

    /**
     * Writes the ledger whole as the new snapshot and starts its journal. The snapshot is in place before the
     * journal is replaced: a crash in between leaves a journal whose records are all in the snapshot, which a read
     * recognises by its header and leaves out.
     */
    private void writeSnapshot(Ledger stored) {
        try {
            LedgerJson.Rendered rendered = LedgerJson.renderChecked(stored);
            Path tmp = file.resolveSibling(FILE + ".tmp");
            writeSynced(tmp, rendered.bytes());
            if (Files.exists(file)) {
                keepAsPrevious();
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            syncDir();
            if (Files.exists(journal)) {
                Files.move(journal, previousOf(journal), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            long end = writeJournalHeader(stored.revision(), rendered.checksum());
            keep(new Loaded(stored, Stamp.of(file).orElseThrow(), rendered.checksum(),
                    Stamp.of(journal).orElseThrow().key(), true, end, 0));
        } catch (AtomicMoveNotSupportedException e) {
            throw new LedgerException("The folder " + dir + " does not support atomic renames; put the state on a local file system", e);
        } catch (IOException e) {
            LOADED.remove(file);
            throw new UncheckedIOException("Cannot write the ledger " + file, e);
        }
    }

    /**
     * Writes the snapshot after the write is already durable in the journal: a compaction that fails (a full disk)
     * leaves a state that reads the same (the old snapshot and journal, or the new snapshot without a journal), so
     * the write stands and the next write compacts again.
     */
    private void compact(Ledger stored) {
        try {
            writeSnapshot(stored);
        } catch (UncheckedIOException | LedgerException failed) {
            LOADED.remove(file);
        }
    }

    /** The current snapshot is intact (it was written this way), so it becomes the previous copy without a copy. */
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

    /** Under the lock: reads the snapshot and replays its journal. Null when the job never ran. */
    private Loaded readFresh() {
        LOADED.remove(file);
        try {
            Optional<byte[]> bytes = readIfPresent(file);
            if (bytes.isEmpty()) {
                if (Files.exists(previousOf(file))) {
                    throw damagedSnapshot("the file is missing although its previous copy exists");
                }
                if (Files.exists(journal)) {
                    throw damagedSnapshot("the file is missing although its journal " + journal.getFileName() + " exists");
                }
                return null;
            }
            Stamp stamp = Stamp.of(file).orElseThrow(() -> new NoSuchFileException(file.toString()));
            LedgerJson.Checked snapshot;
            try {
                snapshot = LedgerJson.parseChecked(bytes.get());
            } catch (IllegalArgumentException damaged) {
                throw damagedSnapshot(damaged.getMessage());
            }
            Loaded base = new Loaded(snapshot.ledger(), stamp, snapshot.checksum(), null, false, 0, 0);
            Optional<byte[]> records = readIfPresent(journal);
            Loaded loaded = records.isEmpty() ? base
                    : replay(base, records.get(), Stamp.of(journal).map(Stamp::key).orElse(null));
            keep(loaded);
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the ledger " + file, e);
        }
    }

    /** The snapshot continued by the journal's records; a torn last record is left out. */
    private Loaded replay(Loaded snapshot, byte[] records, Object journalKey) {
        JournalFrames.Scan scan = JournalFrames.scan(records, 0);
        JournalHeader header = header(scan);
        if (header == null) {
            throw damagedJournal(scan.damaged() ? scan.damage() : "it has no intact header", snapshot.ledger());
        }
        long snapshotRevision = snapshot.ledger().revision();
        if (header.base() == snapshotRevision && header.checksum().equals(snapshot.snapshotChecksum())) {
            Loaded at = new Loaded(snapshot.ledger(), snapshot.snapshot(), snapshot.snapshotChecksum(), journalKey, true,
                    scan.frames().get(0).end(), 0);
            for (JournalFrames.Frame frame : scan.frames().subList(1, scan.frames().size())) {
                try {
                    at = at.advanced(transition(frame).applyTo(at.ledger()), frame.end());
                } catch (IllegalArgumentException wrong) {
                    throw damagedJournal("the record at byte " + frame.offset() + " does not continue revision "
                            + at.ledger().revision() + ": " + wrong.getMessage(), at.ledger());
                }
            }
            if (scan.damaged()) {
                throw damagedJournal(scan.damage(), at.ledger());
            }
            return at;
        }
        if (header.base() < snapshotRevision && !scan.damaged() && lastRevision(scan, header.base()) <= snapshotRevision) {
            // a compaction wrote the snapshot and died before it replaced the journal: the snapshot has it all
            return new Loaded(snapshot.ledger(), snapshot.snapshot(), snapshot.snapshotChecksum(), journalKey, false, 0, 0);
        }
        throw damagedJournal("it continues revision " + header.base() + " (" + header.checksum() + "), not the snapshot's revision "
                + snapshotRevision + " (" + snapshot.snapshotChecksum() + ")", snapshot.ledger());
    }

    private static JournalHeader header(JournalFrames.Scan scan) {
        if (scan.frames().isEmpty()) {
            return null;
        }
        try {
            JournalHeader header = LedgerJson.mapper().readValue(scan.frames().get(0).payload(), JournalHeader.class);
            return header.journal() == 1 && header.checksum() != null ? header : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static long lastRevision(JournalFrames.Scan scan, long base) {
        return scan.frames().size() < 2 ? base : transition(scan.frames().get(scan.frames().size() - 1)).revision();
    }

    private static LedgerTransition transition(JournalFrames.Frame frame) {
        try {
            return LedgerJson.mapper().readValue(frame.payload(), LedgerTransition.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("the record at byte " + frame.offset() + " is not a transition: " + e.getMessage());
        }
    }

    private LedgerDamagedException damagedSnapshot(String problem) {
        return new LedgerDamagedException(file, problem, previousState(), previousOf(file).getFileName().toString(),
                "with the journals that continue it");
    }

    private LedgerDamagedException damagedJournal(String problem, Ledger intact) {
        return new LedgerDamagedException(journal, problem, Optional.of(intact), file.getFileName().toString(),
                "with the journal's records before the damaged one");
    }

    /**
     * The state before the damaged snapshot: the previous snapshot, continued by every journal whose header names
     * the state reached so far (its own journal, then the one of the damaged snapshot: nothing is lost when they
     * are intact). Empty when the previous snapshot is missing or damaged too.
     */
    private Optional<Ledger> previousState() {
        LedgerJson.Checked previous;
        try {
            Optional<byte[]> bytes = readIfPresent(previousOf(file));
            if (bytes.isEmpty()) {
                return Optional.empty();
            }
            previous = LedgerJson.parseChecked(bytes.get());
        } catch (IllegalArgumentException damagedToo) {
            return Optional.empty();
        }
        Ledger state = previous.ledger();
        String checksum = previous.checksum();
        for (Path candidate : List.of(previousOf(journal), journal)) {
            Ledger continued = continued(state, checksum, candidate);
            if (continued != state) {
                state = continued;
                checksum = LedgerJson.checksum(state);
            }
        }
        return Optional.of(state);
    }

    /** {@code state} with the intact records of the journal at {@code path} if it continues that state. */
    private static Ledger continued(Ledger state, String checksum, Path path) {
        Optional<byte[]> bytes = readIfPresent(path);
        if (bytes.isEmpty()) {
            return state;
        }
        JournalFrames.Scan scan = JournalFrames.scan(bytes.get(), 0);
        JournalHeader header = header(scan);
        if (header == null || header.base() != state.revision() || !header.checksum().equals(checksum)) {
            return state;
        }
        Ledger at = state;
        for (JournalFrames.Frame frame : scan.frames().subList(1, scan.frames().size())) {
            try {
                at = transition(frame).applyTo(at);
            } catch (IllegalArgumentException damaged) {
                break;
            }
        }
        return at;
    }

    /**
     * Replaces a damaged ledger with the previous state its {@link LedgerDamagedException} offered, as a new
     * snapshot at the next revision. The damaged files are kept beside it ({@code ledger.json.damaged},
     * {@code ledger.journal.damaged}) for inspection. Returns the restored ledger; a ledger that is not damaged is
     * returned as it is.
     */
    public Ledger restorePrevious() {
        return locked(() -> {
            try {
                Loaded intact = readFresh();
                if (intact == null) {
                    throw new LedgerException("Cannot restore " + file + ": there is no ledger");
                }
                return intact.ledger();
            } catch (LedgerDamagedException damaged) {
                Ledger previous = damaged.previous().orElseThrow(() -> new LedgerException("Cannot restore " + file
                        + ": no intact previous state is left (" + damaged.getMessage() + ")"));
                try {
                    if (damaged.file().equals(file)) {
                        keepDamaged(file);
                    }
                    keepDamaged(journal);
                    Ledger restored = previous.atRevision(previous.revision() + 1);
                    writeSnapshot(restored);
                    return restored;
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot restore " + file, e);
                }
            }
        });
    }

    private static void keepDamaged(Path path) throws IOException {
        if (Files.exists(path)) {
            Files.move(path, path.resolveSibling(path.getFileName() + ".damaged"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void writeSynced(Path path, byte[] bytes) throws IOException {
        DurableFiles.writeSynced(path, bytes);
    }

    private void syncDir() throws IOException {
        DurableFiles.syncDir(dir);
    }

    private static Optional<byte[]> readIfPresent(Path path) {
        return DurableFiles.readIfPresent(path);
    }

    private <T> T locked(Supplier<T> action) {
        return DurableFiles.locked(dir.resolve(FILE + ".lock"), action);
    }
}

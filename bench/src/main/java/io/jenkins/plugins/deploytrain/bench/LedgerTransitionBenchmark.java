package io.jenkins.plugins.deploytrain.bench;

import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.FleetLoader;
import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import io.jenkins.plugins.deploytrain.plan.TrainSpecLoader;
import io.jenkins.plugins.deploytrain.reconcile.PlannedTrain;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One durable ledger transition (issue 15) at the example train's 72 targets and at 3,000 (1,000 environments x
 * 3 zones), each against its baseline in the same run:
 *
 * <ul>
 *   <li>{@code transition}: through {@link FileLedgerStore#update}: read (caught up from the journal), a target
 *       moves on (deploying / succeeded, alternately, so the ledger does not grow), compare-and-set, the journal
 *       record appended and fsync'd (fdatasync), and the snapshots (after at least
 *       {@value FileLedgerStore#COMPACT_EVERY} records, once the journal is as large as the snapshot) amortised. Read {@code transition(3000) / transition(72)}: O(1) in the train is 1.
 *   <li>{@code appendRecord_baseline}: a bare append of the same record's bytes (taken from the journal), fsync'd
 *       the same way, to a file opened for it. Read {@code transition / appendRecord_baseline}.
 *   <li>{@code load}: what every stepper event and every view poll does first, with nothing new in the journal.
 * </ul>
 *
 * <p>Run: {@code bench/run.sh LedgerTransitionBenchmark} from the repository root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LedgerTransitionBenchmark {

    /** Targets in the train: 72 is the example (24 environments x 3 zones), 3000 is 1,000 environments x 3, 30000 ten times that. */
    @Param({"72", "3000", "30000"})
    public int targets;

    private Path dir;
    private FileLedgerStore store;
    private String target;
    private int flip;
    private byte[] record;
    private Path bare;
    private Object snapshotKey;
    private long snapshots;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path examples = Path.of(System.getProperty("deploytrain.examples", "examples"));
        Fleet fleet = targets == 72 ? FleetLoader.load(examples.resolve("fleet.yaml"))
                : FleetLoader.parse(GeneratedFleet.yaml(targets / 3), "fleet.yaml");
        TrainSpec spec = TrainSpecLoader.parse(Files.readString(examples.resolve("train.yaml")), "train.yaml", Optional.of(fleet));
        Ledger ledger = LedgerBenchmark.halfDone(PlannedTrain.of(fleet, spec).targets());
        Train train = ledger.trains().get(0);
        if (train.targets().size() != targets) {
            throw new IllegalStateException("the train has " + train.targets().size() + " targets, not " + targets);
        }
        target = train.targets().get(targets * 3 / 4).id();
        dir = Files.createTempDirectory("ledger-transition-bench");
        store = new FileLedgerStore(dir);
        store.compareAndSet(0, ledger);
        long before = Files.size(store.journal());
        transition();
        byte[] journal = Files.readAllBytes(store.journal());
        record = Arrays.copyOfRange(journal, (int) before, journal.length);
        bare = dir.resolve("bare.journal");
        snapshotKey = snapshotKey();
    }

    /** Counts a snapshot if one was written since the last call (by the harness, outside what it times). */
    void noteSnapshot() throws IOException {
        Object key = snapshotKey();
        if (!key.equals(snapshotKey)) {
            snapshots++;
            snapshotKey = key;
        }
    }

    long snapshotsWritten() {
        return snapshots;
    }

    private Object snapshotKey() throws IOException {
        return Files.readAttributes(store.file(), BasicFileAttributes.class).fileKey();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        System.out.printf("%n%d targets: one journal record is %d bytes, the snapshot %d bytes%n", targets, record.length,
                Files.size(store.file()));
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public Ledger transition() {
        TargetStatus next = (flip++ & 1) == 0 ? TargetStatus.DEPLOYING : TargetStatus.SUCCEEDED;
        return store.update("bench", l -> l.updateTrain("t", t -> t.withTarget(target, r -> r.withStatus(next))));
    }

    @Benchmark
    public long appendRecord_baseline() throws IOException {
        try (FileChannel out = FileChannel.open(bare, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(record);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(false);
            return out.size();
        }
    }

    @Benchmark
    public Optional<Ledger> load() {
        return store.load();
    }
}

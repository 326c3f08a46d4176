package io.jenkins.plugins.deploytrain.bench;

import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.FleetLoader;
import io.jenkins.plugins.deploytrain.ledger.Attempt;
import io.jenkins.plugins.deploytrain.ledger.AttemptOutcome;
import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerJson;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import io.jenkins.plugins.deploytrain.plan.TrainSpecLoader;
import io.jenkins.plugins.deploytrain.reconcile.Decision;
import io.jenkins.plugins.deploytrain.reconcile.Observations;
import io.jenkins.plugins.deploytrain.reconcile.PlannedTrain;
import io.jenkins.plugins.deploytrain.reconcile.Reconciler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The reconciler's cost against reading the ledger whole (one durable transition is measured by
 * {@link LedgerTransitionBenchmark}):
 *
 * <ul>
 *   <li>{@code decide}: the reconciler at 1,000 environments x 3 zones, half way through the train, with
 *       the real deploy windows, against {@code readLedger_baseline}, parsing and checking that ledger (what
 *       every stepper event does before deciding). Read {@code decide / readLedger_baseline}.
 * </ul>
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar LedgerBenchmark} from the repository root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LedgerBenchmark {

    static final Instant MONDAY = Instant.parse("2026-11-30T08:00:00Z");

    private Ledger large;
    private byte[] largeBytes;
    private Observations seen;
    private Instant now;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path examples = Path.of(System.getProperty("deploytrain.examples", "examples"));
        Fleet thousand = FleetLoader.parse(GeneratedFleet.yaml(1000), "fleet.yaml");
        TrainSpec thousandSpec = TrainSpecLoader.parse(Files.readString(examples.resolve("train.yaml")), "train.yaml",
                Optional.of(thousand));
        PlannedTrain planned = PlannedTrain.of(thousand, thousandSpec);
        large = halfDone(planned.targets());
        largeBytes = LedgerJson.render(large);
        seen = new Observations(Set.of(), planned.windows(), Duration.ofMinutes(1));
        now = MONDAY.plus(Duration.ofDays(3));
    }

    /** A running train whose first half of targets succeeded. */
    static Ledger halfDone(List<TargetRecord> targets) {
        List<TargetRecord> half = new ArrayList<>();
        for (TargetRecord t : targets) {
            if (t.index() < targets.size() / 2) {
                half.add(t.withAttempt(Attempt.intent(1, MONDAY, "w").ended(MONDAY, AttemptOutcome.SUCCEEDED, null))
                        .withStatus(TargetStatus.SUCCEEDED));
            } else {
                half.add(t);
            }
        }
        return Ledger.empty("bench").withTrain(new Train("t", "svc", "1.0", TrainStatus.RUNNING, MONDAY, "bench", half,
                List.of(), List.of(), null, null));
    }

    @Benchmark
    public Decision decide() {
        return Reconciler.decide(large, "t", seen, now);
    }

    @Benchmark
    public Ledger readLedger_baseline() {
        return LedgerJson.parse(largeBytes);
    }
}

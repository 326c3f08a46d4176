package io.jenkins.plugins.deploytrain.bench;

import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.reconcile.BodyOutcome;
import io.jenkins.plugins.deploytrain.reconcile.Command;
import io.jenkins.plugins.deploytrain.reconcile.DeployWindows;
import io.jenkins.plugins.deploytrain.reconcile.GateRunner;
import io.jenkins.plugins.deploytrain.reconcile.Notifier;
import io.jenkins.plugins.deploytrain.reconcile.StepperPorts;
import io.jenkins.plugins.deploytrain.reconcile.TrainStepper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Stepper events that touch one target, at 90, 900 and 3,000 targets (30, 300, 1,000 environments x 3 zones), from
 * half way through the train, with the ledger as objects in memory (the engine's own work) and as JSON bytes (what
 * reading and writing the whole ledger costs, so that the reads the stepper saves show).
 * {@code cycle} is two events: the timer after a target's soak (the target is promoted, the next one's intent
 * written and its body asked for), then that body's success (its outcome written, its soak decided, a timer asked
 * for). Every 40 cycles the train is set back to half way (one more event, the same at every size).
 *
 * <p>Read the median ({@code p0.50}; sampled, so that a shared machine's stalls stay in the tail) at 900 and 3,000
 * against the median at 90: events that did O(1) work in the size of the train
 * would stay near 1x. The loads and writes per event are printed at the end of each trial.
 *
 * <p>Run: {@code bench/run.sh StepperEventBenchmark} from the repository root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StepperEventBenchmark {

    private static final int CYCLES_PER_TRAIN = 40;

    @Param({"30", "300", "1000"})
    public int environments;

    /**
     * {@code memory}: the ledger as objects in memory, the engine's own work. {@code json}: the ledger as its JSON
     * bytes in memory, parsed on every read and rendered on every write as a store does (without the disk, whose
     * fsyncs on this shared machine drown everything else: LedgerBenchmark measures them), with
     * {@code decides-from-its-writes} (the stepper) against {@code rereads} (the stepper that read the whole
     * ledger again after each of its writes, as before).
     */
    @Param({"memory/decides-from-its-writes", "json/decides-from-its-writes", "json/rereads"})
    public String store;

    private final BigTrains.MemoryStore memory = new BigTrains.MemoryStore();
    private final BigTrains.JsonStore json = new BigTrains.JsonStore();
    private BigTrains.Counting ledger;
    private final MutableClock clock = new MutableClock();
    private StepperPorts ports;
    private Ledger start;
    private TrainStepper stepper;
    private String running;
    private int cycles;
    private long events;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        List<TargetRecord> targets = BigTrains.targets(environments);
        start = BigTrains.halfWay(targets, targets.size() / 2);
        ledger = new BigTrains.Counting(store.startsWith("json") ? json : memory);
        ports = new StepperPorts(ledger, clock, GateRunner.NONE, Notifier.NONE, DeployWindows.ALWAYS_OPEN, w -> false,
                Duration.ofMinutes(1), Duration.ofHours(6));
        clock.now = BigTrains.MONDAY.plus(Duration.ofDays(2));
        restart();
    }

    /** Half way again: the middle target's body runs, as the host left it before it reports. */
    private void restart() {
        if (store.startsWith("json")) {
            json.reset(start);
        } else {
            memory.reset(start);
        }
        stepper = store.endsWith("rereads") ? TrainStepper.rereadingAfterWrites("bench", "t", "w") : new TrainStepper("bench", "t", "w");
        running = started(stepper.onStart(ports));
        stepper.onBodyFinished(ports, running, 1, BodyOutcome.success());
        events += 2;
        cycles = 0;
    }

    private static String started(List<Command> commands) {
        BigTrains.check(commands.size() == 1 && commands.get(0) instanceof Command.StartBody, "a body is started, not " + commands);
        return ((Command.StartBody) commands.get(0)).target();
    }

    @Benchmark
    public List<Command> cycle() {
        if (++cycles > CYCLES_PER_TRAIN) {
            restart();
        }
        clock.now = clock.now.plus(Duration.ofDays(1));
        running = started(stepper.onTimer(ports));
        clock.now = clock.now.plusSeconds(30);
        events += 2;
        return stepper.onBodyFinished(ports, running, 1, BodyOutcome.success());
    }

    @TearDown(Level.Trial)
    public void report() {
        System.out.printf("%n%d targets, %s: %.2f loads and %.2f writes per event%n", start.trains().get(0).targets().size(),
                store, (double) ledger.loads / events, (double) ledger.writes / events);
    }

    /** The clock the events read; set by the benchmark between events. */
    static final class MutableClock extends Clock {
        Instant now = BigTrains.MONDAY;

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

package io.jenkins.plugins.deploytrain.bench;

import io.jenkins.plugins.deploytrain.ledger.Attempt;
import io.jenkins.plugins.deploytrain.ledger.AuditEntry;
import io.jenkins.plugins.deploytrain.ledger.FileLedgerStore;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerJson;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.reconcile.DeployWindows;
import io.jenkins.plugins.deploytrain.ui.OpenQuestion;
import io.jenkins.plugins.deploytrain.ui.ViewChanges;
import io.jenkins.plugins.deploytrain.ui.ViewModel;
import io.jenkins.plugins.deploytrain.ui.ViewPoll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
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
 * One poll of the train view at 90, 900 and 3,000 targets (30, 300, 1,000 environments x 3 zones), half way
 * through the train, the train as a host holds it after loading the ledger (separately parsed revisions, so
 * no object is shared between them). Read the medians ({@code p0.50}) against {@code whole} at the same size:
 *
 * <ul>
 *   <li>{@code whole}: the whole document (no If-None-Match, no since): the baseline, what every poll cost before.
 *   <li>{@code unchanged}: the page names the current ETag: the 304, with the open question asked of the
 *       reconciler as the hosts do on every poll.
 *   <li>{@code delta}: one target moved since the page's revision: its record, the header and the new audit entry.
 *   <li>{@code lookAtNewRevision}: the once-per-revision comparison that finds the changed targets.
 *   <li>{@code load}: the ledger store's read of the same ledger, which every poll pays before deciding (the
 *       store's own cost, LedgerBenchmark's subject), for scale.
 * </ul>
 *
 * <p>Run: {@code bench/run.sh ViewPollBenchmark} from the repository root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ViewPollBenchmark {

    @Param({"30", "300", "1000"})
    public int environments;

    private Ledger before;
    private Ledger after;
    private Train afterTrain;
    private final ViewChanges changes = new ViewChanges();
    private final ViewChanges moving = new ViewChanges();
    private long revision = 100;
    private ViewPoll.Host host;
    private String etagBefore;
    private String etagAfter;
    private Instant now;
    private Path dir;
    private FileLedgerStore store;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        List<TargetRecord> targets = BigTrains.targets(environments);
        int half = targets.size() / 2;
        Ledger base = BigTrains.halfWay(targets, half);
        now = BigTrains.MONDAY.plus(Duration.ofDays(2));
        String middle = targets.get(half).id();
        Ledger moved = base.updateTrain("t", t -> t.withTarget(middle, x -> x.withAttempt(Attempt.intent(1, now, "w")).withStatus(TargetStatus.DEPLOYING))
                .audited(new AuditEntry(now, "w", "deploy-intent", middle, "attempt 1")));
        before = LedgerJson.parse(LedgerJson.render(base.atRevision(10)));
        after = LedgerJson.parse(LedgerJson.render(moved.atRevision(11)));
        afterTrain = after.train("t").orElseThrow();
        host = host(after, afterTrain);
        etagBefore = ViewPoll.etag(10, "t", host(before, before.train("t").orElseThrow()));
        etagAfter = ViewPoll.etag(11, "t", host);
        changes.look(10, before.train("t").orElseThrow());
        changes.look(11, afterTrain);
        BigTrains.check(unchanged() instanceof ViewPoll.NotModified, "an unchanged poll is a 304");
        BigTrains.check(delta() instanceof ViewPoll.Body b && b.delta(), "a poll since revision 10 is a delta");
        dir = Files.createTempDirectory("view-poll-bench");
        store = new FileLedgerStore(dir);
        store.compareAndSet(0, moved);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** As the build page composes it: the reconciler's open question, no plan. */
    private ViewPoll.Host host(Ledger ledger, Train train) {
        ViewModel.Awaiting awaiting = OpenQuestion.of(ledger, train, DeployWindows.ALWAYS_OPEN, w -> true, now, null);
        return new ViewPoll.Host(awaiting, true, null, "", ViewModel.Plan::none);
    }

    @Benchmark
    public ViewPoll.Answer whole() {
        return ViewPoll.answer(after, afterTrain, host(after, afterTrain), changes, null, null);
    }

    @Benchmark
    public ViewPoll.Answer unchanged() {
        return ViewPoll.answer(after, afterTrain, host(after, afterTrain), changes, etagAfter, "11");
    }

    @Benchmark
    public ViewPoll.Answer delta() {
        return ViewPoll.answer(after, afterTrain, host(after, afterTrain), changes, etagBefore, "10");
    }

    @Benchmark
    public Optional<ViewChanges.Since> lookAtNewRevision() {
        // alternates between the two trains at ever newer revisions: each look compares every target once
        long r = ++revision;
        moving.look(r, ((r & 1) == 0 ? before : after).train("t").orElseThrow());
        return moving.since(r - 1);
    }

    @Benchmark
    public Optional<Ledger> load() {
        return store.load();
    }
}

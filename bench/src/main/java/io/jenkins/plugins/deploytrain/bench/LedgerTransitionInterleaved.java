package io.jenkins.plugins.deploytrain.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link LedgerTransitionBenchmark}'s measurements interleaved operation by operation (a transition at each size,
 * then the bare append of its record, then the next size), so that the ratios compare operations that ran under
 * the same disk and CPU load: on a shared machine an fsync's latency drifts by several times within a minute,
 * which separate JMH benchmarks, run one after the other, turn into ratios of drift. Prints the median and the
 * mean of each, their ratios, and how many snapshots each size wrote during the measured rounds (a mean includes
 * their cost only if some were written: run enough rounds for the largest size to write one).
 *
 * <p>Run from the repository root: {@code java -cp bench/target/benchmarks.jar
 * io.jenkins.plugins.deploytrain.bench.LedgerTransitionInterleaved [rounds [targets...]]}, by default 2,000
 * rounds at 72, 3,000 and 30,000 targets (the example, 1,000 and 10,000 environments x 3 zones).
 */
public final class LedgerTransitionInterleaved {

    private LedgerTransitionInterleaved() {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int[] sizes = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {72, 3000, 30000};
        List<LedgerTransitionBenchmark> benches = new ArrayList<>();
        for (int size : sizes) {
            benches.add(of(size));
        }
        long[][] transition = new long[sizes.length][rounds];
        long[][] baseline = new long[sizes.length][rounds];
        for (int warm = 0; warm < rounds / 4; warm++) {
            round(benches, null, null, 0);
        }
        long[] snapshotsBefore = benches.stream().mapToLong(LedgerTransitionBenchmark::snapshotsWritten).toArray();
        for (int i = 0; i < rounds; i++) {
            round(benches, transition, baseline, i);
        }
        for (LedgerTransitionBenchmark b : benches) {
            b.tearDown();
        }
        System.out.printf("%n%d rounds after %d of warm-up, interleaved%n", rounds, rounds / 4);
        double[][] t = new double[sizes.length][];
        for (int k = 0; k < sizes.length; k++) {
            t[k] = stats(transition[k]);
            double[] b = stats(baseline[k]);
            System.out.printf("%6d targets: transition median %8.1f us mean %8.1f us | bare append median %8.1f us mean %8.1f us"
                    + " | transition / bare append: median %.2f mean %.2f | snapshots written %d%n", sizes[k], t[k][0], t[k][1],
                    b[0], b[1], t[k][0] / b[0], t[k][1] / b[1], benches.get(k).snapshotsWritten() - snapshotsBefore[k]);
        }
        for (int k = 1; k < sizes.length; k++) {
            System.out.printf("transition(%d) / transition(%d): median %.2f mean %.2f%n", sizes[k], sizes[0],
                    t[k][0] / t[0][0], t[k][1] / t[0][1]);
        }
    }

    /** Median and mean, in microseconds. */
    private static double[] stats(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new double[] {sorted[sorted.length / 2] / 1000.0, Arrays.stream(sorted).average().orElseThrow() / 1000.0};
    }

    private static LedgerTransitionBenchmark of(int targets) throws IOException {
        LedgerTransitionBenchmark b = new LedgerTransitionBenchmark();
        b.targets = targets;
        b.setUp();
        return b;
    }

    private static void round(List<LedgerTransitionBenchmark> benches, long[][] transition, long[][] baseline, int i)
            throws IOException {
        for (int k = 0; k < benches.size(); k++) {
            LedgerTransitionBenchmark b = benches.get(k);
            long t0 = System.nanoTime();
            b.transition();
            long t1 = System.nanoTime();
            b.appendRecord_baseline();
            long t2 = System.nanoTime();
            b.noteSnapshot();
            if (transition != null) {
                transition[k][i] = t1 - t0;
                baseline[k][i] = t2 - t1;
            }
        }
    }
}

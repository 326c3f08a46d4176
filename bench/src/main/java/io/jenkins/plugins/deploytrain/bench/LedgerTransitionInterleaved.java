package io.jenkins.plugins.deploytrain.bench;

import java.io.IOException;
import java.util.Arrays;

/**
 * {@link LedgerTransitionBenchmark}'s four measurements interleaved operation by operation (a transition at 72
 * targets, the bare append of its record, the same at 3,000), so that the ratios compare operations that ran
 * under the same disk and CPU load: on a shared machine an fsync's latency drifts by several times within a
 * minute, which separate JMH benchmarks, run one after the other, turn into ratios of drift. Prints the median
 * and the mean of each and their ratios.
 *
 * <p>Run from the repository root: {@code java -cp bench/target/benchmarks.jar
 * io.jenkins.plugins.deploytrain.bench.LedgerTransitionInterleaved [rounds]}.
 */
public final class LedgerTransitionInterleaved {

    private LedgerTransitionInterleaved() {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        LedgerTransitionBenchmark small = of(72);
        LedgerTransitionBenchmark large = of(3000);
        long[][] nanos = new long[4][rounds];
        for (int warm = 0; warm < rounds / 4; warm++) {
            round(small, large, null, 0);
        }
        for (int i = 0; i < rounds; i++) {
            round(small, large, nanos, i);
        }
        small.tearDown();
        large.tearDown();
        String[] names = {"transition(72)", "appendRecord_baseline(72)", "transition(3000)", "appendRecord_baseline(3000)"};
        double[] median = new double[4];
        double[] mean = new double[4];
        for (int k = 0; k < 4; k++) {
            long[] sorted = nanos[k].clone();
            Arrays.sort(sorted);
            median[k] = sorted[rounds / 2] / 1000.0;
            mean[k] = Arrays.stream(sorted).average().orElseThrow() / 1000.0;
            System.out.printf("%-28s median %9.1f us   mean %9.1f us%n", names[k], median[k], mean[k]);
        }
        System.out.printf("transition(3000) / transition(72):         median %.2f   mean %.2f%n", median[2] / median[0], mean[2] / mean[0]);
        System.out.printf("transition(72) / appendRecord_baseline:    median %.2f   mean %.2f%n", median[0] / median[1], mean[0] / mean[1]);
        System.out.printf("transition(3000) / appendRecord_baseline:  median %.2f   mean %.2f%n", median[2] / median[3], mean[2] / mean[3]);
    }

    private static LedgerTransitionBenchmark of(int targets) throws IOException {
        LedgerTransitionBenchmark b = new LedgerTransitionBenchmark();
        b.targets = targets;
        b.setUp();
        return b;
    }

    private static void round(LedgerTransitionBenchmark small, LedgerTransitionBenchmark large, long[][] nanos, int i)
            throws IOException {
        long t0 = System.nanoTime();
        small.transition();
        long t1 = System.nanoTime();
        small.appendRecord_baseline();
        long t2 = System.nanoTime();
        large.transition();
        long t3 = System.nanoTime();
        large.appendRecord_baseline();
        long t4 = System.nanoTime();
        if (nanos != null) {
            nanos[0][i] = t1 - t0;
            nanos[1][i] = t2 - t1;
            nanos[2][i] = t3 - t2;
            nanos[3][i] = t4 - t3;
        }
    }
}

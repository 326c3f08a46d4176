package io.jenkins.plugins.deploytrain.baked;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.reconcile.BakedVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The decision against a plain reading of its rule on a sample grid: a version is baked when it has a sample at
 * every grid instant of the window; of those, the one whose unbroken run of samples began last, ties by version.
 */
class ObservedBakedVersionProperties {

    private static final Instant END = Instant.parse("2026-12-04T08:00:00Z");
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final List<String> VERSIONS = List.of("1.0.0", "1.2.0", "1.10.0", "2.0.0");

    @Property(tries = 500)
    void choosesWhatTheRuleSays(@ForAll @IntRange(min = 1, max = 40) int windowSteps,
            @ForAll("presence") List<List<Boolean>> presence) {
        int samples = 2 * windowSteps + 1;
        List<ObservedBakedVersion.Series> series = new ArrayList<>();
        List<boolean[]> grids = new ArrayList<>();
        for (int v = 0; v < VERSIONS.size(); v++) {
            boolean[] grid = new boolean[samples];
            List<Instant> at = new ArrayList<>();
            for (int k = 0; k < samples; k++) {
                grid[k] = presence.get(v).get(k % presence.get(v).size());
                if (grid[k]) {
                    at.add(END.minus(STEP.multipliedBy(samples - 1 - k)));
                }
            }
            grids.add(grid);
            if (!at.isEmpty()) {
                series.add(new ObservedBakedVersion.Series(VERSIONS.get(v), at));
            }
        }
        BakedVersion.Selection chosen = ObservedBakedVersion.select(series, STEP.multipliedBy(windowSteps), END, STEP, "p", "q");

        assertThat(chosen.version()).isEqualTo(oracle(grids, windowSteps));
        chosen.version().ifPresent(v -> assertThat(chosen.why()).startsWith("version " + v + " was present in every sample"));
        if (chosen.version().isEmpty()) {
            assertThat(chosen.why()).startsWith("no version was");
        }
    }

    @Property(tries = 200)
    void aSingleMissingSampleInTheWindowUnbakesAVersion(@ForAll @IntRange(min = 2, max = 40) int windowSteps,
            @ForAll @IntRange(min = 0, max = 40) int missing) {
        int samples = 2 * windowSteps + 1;
        int hole = samples - 1 - (missing % (windowSteps + 1));
        List<Instant> at = new ArrayList<>();
        for (int k = 0; k < samples; k++) {
            if (k != hole) {
                at.add(END.minus(STEP.multipliedBy(samples - 1 - k)));
            }
        }
        var result = ObservedBakedVersion.select(List.of(new ObservedBakedVersion.Series("9.9.9", at)), STEP.multipliedBy(windowSteps), END,
                STEP, "p", "q");
        assertThat(result.version()).isEmpty();
        assertThat(result.why()).contains("9.9.9 for ");
    }

    private static Optional<String> oracle(List<boolean[]> grids, int windowSteps) {
        String best = null;
        int bestRunStart = -1;
        for (int v = 0; v < grids.size(); v++) {
            boolean[] grid = grids.get(v);
            int last = grid.length - 1;
            boolean throughout = true;
            for (int k = last - windowSteps; k <= last; k++) {
                throughout &= grid[k];
            }
            if (!throughout) {
                continue;
            }
            int runStart = last;
            while (runStart > 0 && grid[runStart - 1]) {
                runStart--;
            }
            if (runStart > bestRunStart
                    || (runStart == bestRunStart && ObservedBakedVersion.compareVersions(VERSIONS.get(v), best) > 0)) {
                best = VERSIONS.get(v);
                bestRunStart = runStart;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Per version, a repeating pattern of presence, mostly present so that some versions qualify. */
    @Provide
    Arbitrary<List<List<Boolean>>> presence() {
        Arbitrary<Boolean> sample = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(true)), Tuple.of(1, Arbitraries.just(false)));
        Arbitrary<List<Boolean>> pattern = Combinators.combine(sample.list().ofMinSize(1).ofMaxSize(90), Arbitraries.integers().between(0, 90))
                .as((p, absentBefore) -> {
                    // a version deployed at some point: absent before, then its pattern
                    List<Boolean> out = new ArrayList<>();
                    for (int i = 0; i < 81; i++) {
                        out.add(i >= absentBefore && p.get(i % p.size()));
                    }
                    return out;
                });
        return pattern.list().ofSize(VERSIONS.size());
    }
}

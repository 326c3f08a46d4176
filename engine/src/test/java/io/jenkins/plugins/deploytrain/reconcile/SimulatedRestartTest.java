package io.jenkins.plugins.deploytrain.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 9: the stepper survives thousands of simulated Jenkins restarts and dead builds. */
class SimulatedRestartTest {
    private static ExecutorService bodyThreads;

    @BeforeAll
    static void threads() {
        bodyThreads = Executors.newSingleThreadExecutor(r -> new Thread(r, "cps-body-callbacks"));
    }

    @AfterAll
    static void stop() {
        bodyThreads.shutdownNow();
    }

    @Test
    void everySeededRunCompletesWithEveryInvariantHeld() {
        List<String> failures = new ArrayList<>();
        int restarts = 0;
        int deaths = 0;
        int bodies = 0;
        for (long seed = 0; seed < 2000; seed++) {
            SimulatedCpsHost host = new SimulatedCpsHost(seed, bodyThreads);
            List<String> violations = host.run();
            if (!violations.isEmpty()) {
                failures.add("seed " + seed + ": " + violations);
            }
            restarts += host.restarts;
            deaths += host.deaths;
            bodies += host.bodies;
        }
        assertThat(failures).isEmpty();
        // the runs really exercised what they claim to
        assertThat(restarts).isGreaterThan(5_000);
        assertThat(deaths).isGreaterThan(1_000);
        assertThat(bodies).isGreaterThan(20_000);
    }
}

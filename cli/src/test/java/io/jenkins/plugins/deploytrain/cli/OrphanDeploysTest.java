package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A deploy left running by a dead runner is found by its TRAIN_* variables, and waited for. */
class OrphanDeploysTest {

    private static Process deploy(String train, String environment, String seconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sleep", seconds);
        builder.environment().put("TRAIN_ID", train);
        builder.environment().put("TRAIN_ENVIRONMENT", environment);
        return builder.start();
    }

    @Test
    void findsTheDeployOfTheEnvironmentAndWaitsUntilItIsGone() throws Exception {
        Process orphan = deploy("train-x", "cell-01", "2");
        Process otherEnvironment = deploy("train-x", "cell-02", "30");
        Process otherTrain = deploy("train-y", "cell-01", "30");
        try {
            assertThat(OrphanDeploys.of("train-x", "cell-01")).extracting(ProcessHandle::pid).containsExactly(orphan.pid());

            StringWriter log = new StringWriter();
            OrphanDeploys.awaitGone("train-x", "cell-01", new PrintWriter(log, true));

            assertThat(orphan.isAlive()).isFalse();
            assertThat(otherEnvironment.isAlive()).isTrue();
            assertThat(log.toString()).contains("waiting for 1 deploy process(es) of cell-01 left by an earlier runner to end");
            assertThat(OrphanDeploys.of("train-x", "cell-01")).isEmpty();
        } finally {
            otherEnvironment.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            otherTrain.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}

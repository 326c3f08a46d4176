package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.FleetLoader;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import io.jenkins.plugins.deploytrain.plan.TrainSpecLoader;
import io.jenkins.plugins.deploytrain.reconcile.PlannedTrain;
import io.jenkins.plugins.deploytrain.reconcile.SecondTrainPolicy;
import io.jenkins.plugins.deploytrain.reconcile.TrainAdmission;
import io.jenkins.plugins.deploytrain.reconcile.TrainEta;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the README's run command prints: times to the second, the ETA if approved now, the completion time. */
class ProgressBarTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).resolveSibling("examples");
    private static final Fleet FLEET = FleetLoader.load(EXAMPLES.resolve("fleet.yaml"));
    private static final TrainSpec SPEC = TrainSpecLoader.load(EXAMPLES.resolve("train.yaml"), FLEET);
    private static final Instant MONDAY = Instant.parse("2026-11-30T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-10T11:37:14.435500Z");

    private final ProgressBar bar = new ProgressBar(new PrintWriter(new StringWriter()), false, FLEET, SPEC);

    private static Train admitted() {
        return TrainAdmission.admit(Ledger.empty("payments"), SPEC.service(), "2.0.0", PlannedTrain.of(FLEET, SPEC).targets(),
                SecondTrainPolicy.QUEUE, "carol", "test", MONDAY).ledger().trains().get(0);
    }

    @Test
    void whileThePersonIsAskedTheLineShowsTheEtaIfApprovedNowToTheSecond() {
        Train train = admitted();
        TargetRecord first = train.targets().get(0);
        Train waiting = train.withTarget(first.id(), t -> t.withStatus(TargetStatus.FAILED))
                .withStatus(TrainStatus.AWAITING_APPROVAL, "deploy failed", NOW);

        String line = bar.render(waiting, NOW, "waiting for approval");

        TrainEta eta = TrainEta.of(FLEET, SPEC, waiting, NOW).orElseThrow();
        assertThat(line).contains("0/72 zones, 0/24 environments, ETA if approved now " + ProgressBar.time(eta.at()) + " | waiting for approval");
        assertThat(line).doesNotContainPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d");
    }

    @Test
    void aCompletedTrainShowsWhenItCompletedNotAnEtaAfterIt() {
        Train train = admitted();
        for (TargetRecord t : train.targets()) {
            train = train.withTarget(t.id(), x -> x.withStatus(TargetStatus.SUCCEEDED));
        }
        Train done = train.withStatus(TrainStatus.SUCCEEDED, "72 of 72 targets done", NOW);

        assertThat(bar.render(done, NOW.plus(Duration.ofHours(2)), "complete"))
                .isEqualTo("[########################] 72/72 zones, 24/24 environments, completed 2026-12-10T11:37:14Z | complete");
    }

    @Test
    void instantsArePrintedToTheSecond() {
        assertThat(ProgressBar.time(NOW)).isEqualTo("2026-12-10T11:37:14Z");
    }
}

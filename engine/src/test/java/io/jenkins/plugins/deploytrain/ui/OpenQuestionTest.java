package io.jenkins.plugins.deploytrain.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.ledger.Attempt;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.SampleLedgers;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import io.jenkins.plugins.deploytrain.reconcile.DeployWindows;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenQuestionTest {

    private static final Instant NOW = SampleLedgers.T0.plusSeconds(600);

    @Test
    void aFailedDeployIsAQuestionWithTheReconcilersChoices() {
        Train train = SampleLedgers.train("t1", 2, 2).withTarget("env-0/z0", t -> t
                .withAttempt(Attempt.intent(1, SampleLedgers.T0, "build#1").ended(SampleLedgers.T0.plusSeconds(60),
                        io.jenkins.plugins.deploytrain.ledger.AttemptOutcome.FAILED, "exit 1"))
                .withStatus(TargetStatus.FAILED));
        Ledger ledger = Ledger.empty("payments").withTrain(train);

        ViewModel.Awaiting question = OpenQuestion.of(ledger, train, DeployWindows.ALWAYS_OPEN, worker -> false, NOW, List.of("1h"));

        assertThat(question).isNotNull();
        assertThat(question.target()).isEqualTo("env-0/z0");
        assertThat(question.reason()).contains("deploy of env-0/z0 failed");
        assertThat(question.choices()).contains("retry", "skip", "abort");
        assertThat(question.silenceDurations()).containsExactly("1h");
    }

    @Test
    void aTargetThatNeedsApprovalBeforeItsDeployAsksToProceed() {
        TargetRecord gated = new TargetRecord("eu-west-1a/zone-a", 0, "eu-west-1a", "zone-a", "primary", "aws", "eu-west-1",
                Duration.ofMinutes(30), Duration.ofHours(4), false, true, List.of("error-rate"), TargetStatus.AWAITING_APPROVAL,
                null, List.of(), List.of());
        Train train = new Train("t1", "checkout", "2.4.1", TrainStatus.AWAITING_APPROVAL, SampleLedgers.T0, "deploy-bot",
                List.of(gated), List.of(), List.of(), null, null);
        Ledger ledger = Ledger.empty("checkout").withTrain(train);

        ViewModel.Awaiting question = OpenQuestion.of(ledger, train, DeployWindows.ALWAYS_OPEN, worker -> false, NOW, null);

        assertThat(question.target()).isEqualTo("eu-west-1a/zone-a");
        assertThat(question.reason()).contains("approval required before deploying");
        assertThat(question.choices()).containsExactly("proceed", "skip", "abort");
    }

    @Test
    void aTrainThatCanGoOnAsksNothing() {
        Train train = SampleLedgers.train("t1", 2, 2);
        Ledger ledger = Ledger.empty("payments").withTrain(train);

        assertThat(OpenQuestion.of(ledger, train, DeployWindows.ALWAYS_OPEN, worker -> false, NOW, null)).isNull();
    }

    @Test
    void aLiveDeployIsNotAnOrphanToAskAbout() {
        Train train = SampleLedgers.train("t1", 2, 2).withTarget("env-0/z0", t -> t
                .withAttempt(Attempt.intent(1, SampleLedgers.T0, "build#7")).withStatus(TargetStatus.DEPLOYING));
        Ledger ledger = Ledger.empty("payments").withTrain(train);

        assertThat(OpenQuestion.of(ledger, train, DeployWindows.ALWAYS_OPEN, "build#7"::equals, NOW, null)).isNull();
    }

    @Test
    void aFinishedTrainAsksNothing() {
        Train train = SampleLedgers.train("t1", 1, 1).withStatus(TrainStatus.SUCCEEDED, null, NOW);
        Ledger ledger = Ledger.empty("payments").withTrain(train);

        assertThat(OpenQuestion.of(ledger, train, DeployWindows.ALWAYS_OPEN, worker -> false, NOW, null)).isNull();
    }
}

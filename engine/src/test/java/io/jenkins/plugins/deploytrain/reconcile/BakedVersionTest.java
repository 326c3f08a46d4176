package io.jenkins.plugins.deploytrain.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.ledger.Attempt;
import io.jenkins.plugins.deploytrain.ledger.AttemptOutcome;
import io.jenkins.plugins.deploytrain.ledger.GateResult;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.SampleLedgers;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BakedVersionTest {
    private static final Instant T0 = SampleLedgers.T0;

    /** A train of the version whose primary (env-0) zones were deployed at {@code at}; the rest as given. */
    private static Train train(String id, String version, Instant at, boolean failedGate) {
        Train t = SampleLedgers.train(id, 2, 2);
        Train result = new Train(t.id(), t.service(), version, TrainStatus.RUNNING, at, "p", t.targets(), t.approvals(), t.audit(), null, null);
        for (TargetRecord x : t.targets()) {
            if (x.environment().equals("env-0")) {
                result = result.withTarget(x.id(), y -> {
                    TargetRecord deployed = y.withAttempt(Attempt.intent(1, at, "w").ended(at, AttemptOutcome.SUCCEEDED, null))
                            .withStatus(TargetStatus.SUCCEEDED);
                    return failedGate ? deployed.withGateResult(new GateResult("errors", 1, false, "5% errors", at)) : deployed;
                });
            }
        }
        return result;
    }

    @Test
    void choosesTheVersionRunningInThePrimaryOnceItBakedLongEnough() {
        Ledger ledger = Ledger.empty("job").withTrain(train("a", "1.0", T0, false)).withTrain(train("b", "1.1", T0.plus(Duration.ofHours(5)), false));

        BakedVersion.Selection early = BakedVersion.select(ledger, Optional.empty(), Duration.ofHours(24), T0.plus(Duration.ofHours(20)));
        BakedVersion.Selection later = BakedVersion.select(ledger, Optional.empty(), Duration.ofHours(24), T0.plus(Duration.ofHours(30)));

        assertThat(early.version()).isEmpty();
        assertThat(early.why()).isEqualTo("version 1.1 has baked in the primary for 15h, less than 24h");
        assertThat(later.version()).contains("1.1");
        assertThat(later.why()).isEqualTo("version 1.1 has baked in the primary for 25h with no failed gate");
    }

    @Test
    void aFailedGateOrNoDeployMeansNoVersion() {
        Ledger failed = Ledger.empty("job").withTrain(train("a", "1.0", T0, true));
        Ledger none = Ledger.empty("job").withTrain(SampleLedgers.train("a", 2, 2));

        assertThat(BakedVersion.select(failed, Optional.empty(), Duration.ofHours(1), T0.plus(Duration.ofDays(2))).why())
                .isEqualTo("version 1.0 in the primary had a failed gate");
        assertThat(BakedVersion.select(none, Optional.of("env-1"), Duration.ofHours(1), T0).why())
                .isEqualTo("no train of job has deployed environment env-1 yet");
    }
}

package io.jenkins.plugins.deploytrain.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.ledger.Attempt;
import io.jenkins.plugins.deploytrain.ledger.AttemptOutcome;
import io.jenkins.plugins.deploytrain.ledger.AuditEntry;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsExpositionTest {

    static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    static TargetRecord target(String env, String zone, TargetStatus status, Attempt... attempts) {
        return new TargetRecord(TargetRecord.idOf(env, zone), 0, env, zone, "prod", "aws", "eu-west-1", null, null, false, false,
                List.of(), status, null, List.of(attempts), List.of());
    }

    static Attempt attempt(int number, long startSecond, long seconds, AttemptOutcome outcome) {
        return new Attempt(number, T0.plusSeconds(startSecond), outcome == AttemptOutcome.RUNNING ? null : T0.plusSeconds(startSecond + seconds),
                "w", outcome, null, null);
    }

    @Test
    void theLedgerAsTheTextExpositionFormatWithEscapedLabelValues() {
        Train old = new Train("pay-1.0-1", "pay", "1.0", TrainStatus.SUCCEEDED, T0, "alice",
                List.of(target("prod", "a", TargetStatus.SUCCEEDED, attempt(1, 0, 30, AttemptOutcome.SUCCEEDED)),
                        target("prod", "b", TargetStatus.SUCCEEDED, attempt(1, 40, 2, AttemptOutcome.FAILED), attempt(2, 50, 4000, AttemptOutcome.SUCCEEDED))),
                List.of(), List.of(new AuditEntry(T0, "alice", "train-started", null, null)), T0.plusSeconds(5000), "done");
        Train current = new Train("pay-1.1\"x\\-2", "pay", "1.1\"x\\\n", TrainStatus.RUNNING, T0.plusSeconds(6000), "bob",
                List.of(target("prod", "a", TargetStatus.SUCCEEDED, attempt(1, 6000, 1, AttemptOutcome.SUCCEEDED)),
                        target("prod", "b", TargetStatus.DEPLOYING, attempt(1, 6010, 0, AttemptOutcome.RUNNING))),
                List.of(), List.of(), null, null);
        Ledger ledger = new Ledger(1, "pay-job", 7, List.of(old, current), List.of());

        String text = MetricsExposition.render(ledger);

        assertThat(text).isEqualTo("""
                # HELP deploy_train_deploys_total Deploys of a target that ended, by outcome (succeeded, failed, lost).
                # TYPE deploy_train_deploys_total counter
                deploy_train_deploys_total{service="pay",environment="prod",zone="a",outcome="succeeded"} 2
                deploy_train_deploys_total{service="pay",environment="prod",zone="b",outcome="failed"} 1
                deploy_train_deploys_total{service="pay",environment="prod",zone="b",outcome="succeeded"} 1
                # HELP deploy_train_deploy_duration_seconds How long one deploy of a target took, start to end.
                # TYPE deploy_train_deploy_duration_seconds histogram
                deploy_train_deploy_duration_seconds_bucket{service="pay",environment="prod",le="1"} 1
                deploy_train_deploy_duration_seconds_bucket{service="pay",environment="prod",le="5"} 2
                deploy_train_deploy_duration_seconds_bucket{service="pay",environment="prod",le="15"} 2
                deploy_train_deploy_duration_seconds_bucket{service="pay",environment="prod",le="30"} 3
                deploy_train_deploy_duration_seconds_bucket{service="pay",environment="prod",le="60"} 3
                deploy_train_deploy_duration_seconds_bucket{service="pay",environment="prod",le="120"} 3
                deploy_train_deploy_duration_seconds_bucket{service="pay",environment="prod",le="300"} 3
                deploy_train_deploy_duration_seconds_bucket{service="pay",environment="prod",le="600"} 3
                deploy_train_deploy_duration_seconds_bucket{service="pay",environment="prod",le="1200"} 3
                deploy_train_deploy_duration_seconds_bucket{service="pay",environment="prod",le="1800"} 3
                deploy_train_deploy_duration_seconds_bucket{service="pay",environment="prod",le="3600"} 3
                deploy_train_deploy_duration_seconds_bucket{service="pay",environment="prod",le="+Inf"} 4
                deploy_train_deploy_duration_seconds_sum{service="pay",environment="prod"} 4033
                deploy_train_deploy_duration_seconds_count{service="pay",environment="prod"} 4
                # HELP deploy_train_version_info The version whose deploy last succeeded in an environment and zone (always 1).
                # TYPE deploy_train_version_info gauge
                deploy_train_version_info{service="pay",environment="prod",zone="a",version="1.1\\"x\\\\\\n"} 1
                deploy_train_version_info{service="pay",environment="prod",zone="b",version="1.0"} 1
                # HELP deploy_train_state 1 for the train's current state, 0 for the others.
                # TYPE deploy_train_state gauge
                deploy_train_state{service="pay",train="pay-1.0-1",state="queued"} 0
                deploy_train_state{service="pay",train="pay-1.0-1",state="running"} 0
                deploy_train_state{service="pay",train="pay-1.0-1",state="paused"} 0
                deploy_train_state{service="pay",train="pay-1.0-1",state="awaiting-approval"} 0
                deploy_train_state{service="pay",train="pay-1.0-1",state="succeeded"} 1
                deploy_train_state{service="pay",train="pay-1.0-1",state="failed"} 0
                deploy_train_state{service="pay",train="pay-1.0-1",state="stopped"} 0
                deploy_train_state{service="pay",train="pay-1.0-1",state="superseded"} 0
                deploy_train_state{service="pay",train="pay-1.1\\"x\\\\-2",state="queued"} 0
                deploy_train_state{service="pay",train="pay-1.1\\"x\\\\-2",state="running"} 1
                deploy_train_state{service="pay",train="pay-1.1\\"x\\\\-2",state="paused"} 0
                deploy_train_state{service="pay",train="pay-1.1\\"x\\\\-2",state="awaiting-approval"} 0
                deploy_train_state{service="pay",train="pay-1.1\\"x\\\\-2",state="succeeded"} 0
                deploy_train_state{service="pay",train="pay-1.1\\"x\\\\-2",state="failed"} 0
                deploy_train_state{service="pay",train="pay-1.1\\"x\\\\-2",state="stopped"} 0
                deploy_train_state{service="pay",train="pay-1.1\\"x\\\\-2",state="superseded"} 0
                """);
    }

    @Test
    void oneServicesGroupHoldsOnlyItsSeries() {
        Train a = new Train("a-1", "a", "1", TrainStatus.RUNNING, T0, "x", List.of(), List.of(), List.of(), null, null);
        Train b = new Train("b-1", "b", "1", TrainStatus.RUNNING, T0, "x", List.of(), List.of(), List.of(), null, null);
        Ledger ledger = new Ledger(1, "job", 2, List.of(b, a), List.of());

        assertThat(MetricsExposition.services(ledger)).containsExactly("a", "b");
        assertThat(MetricsExposition.render(ledger, "a")).contains("service=\"a\"").doesNotContain("service=\"b\"");
    }

    @Test
    void halfSecondsAreWrittenAsDecimalsAndWholeNumbersWithoutAPoint() {
        assertThat(MetricsExposition.number(0.5)).isEqualTo("0.5");
        assertThat(MetricsExposition.number(3600)).isEqualTo("3600");
    }
}

package io.jenkins.plugins.deploytrain.ledger;

import static io.jenkins.plugins.deploytrain.ledger.SampleLedgers.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.ledger.VersionMatrix.Cell;
import io.jenkins.plugins.deploytrain.ledger.VersionMatrix.Deployed;
import io.jenkins.plugins.deploytrain.ledger.VersionMatrix.Rolling;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The version matrix over the sample ledgers' trains, as they finish, roll and roll back. */
class VersionMatrixTest {

    /** The sample train as another release, started {@code hours} after T0. */
    private static Train release(String id, String version, int hours, int environments, int zones) {
        Train t = SampleLedgers.train(id, environments, zones);
        return new Train(id, t.service(), version, TrainStatus.RUNNING, T0.plus(Duration.ofHours(hours)), t.by(),
                t.targets(), t.approvals(), t.audit(), null, null);
    }

    /** The target deployed at {@code at} with that outcome, its status set accordingly. */
    private static Train deployed(Train train, String target, Instant at, AttemptOutcome outcome, TargetStatus status) {
        return train.withTarget(target, t -> t
                .withAttempt(Attempt.intent(t.attemptCount() + 1, at.minusSeconds(60), "payments#1")
                        .ended(outcome == AttemptOutcome.RUNNING ? null : at, outcome, null))
                .withStatus(status));
    }

    private static Train allSucceeded(Train train, Instant from) {
        Train done = train;
        for (TargetRecord t : train.targets()) {
            done = deployed(done, t.id(), from.plus(Duration.ofMinutes(10L * t.index())), AttemptOutcome.SUCCEEDED,
                    TargetStatus.SUCCEEDED);
        }
        return done.withStatus(TrainStatus.SUCCEEDED, "all targets deployed", from.plus(Duration.ofHours(1)));
    }

    @Test
    void anEmptyLedgerHasNoRows() {
        VersionMatrix matrix = VersionMatrix.of(Ledger.empty("payments-deploy"));

        assertThat(matrix.rows()).isEmpty();
        assertThat(matrix.job()).isEqualTo("payments-deploy");
    }

    @Test
    void aTrainThatOnlyStartedShowsNothingDeployedAndNothingRollingYet() {
        VersionMatrix matrix = VersionMatrix.of(SampleLedgers.withOneTrain());

        assertThat(matrix.environments()).containsExactly("env-0", "env-1", "env-2");
        assertThat(matrix.zones()).containsExactly("z0", "z1");
        assertThat(matrix.rows()).allSatisfy(row -> assertThat(row.cells()).noneMatch(Cell::known));
    }

    @Test
    void theLastSuccessWinsAndARunningTrainShowsWhereItRollsNow() {
        Train first = allSucceeded(release("t1", "1.4.2", 0, 3, 2), T0);
        Instant later = T0.plus(Duration.ofDays(1));
        Train second = release("t2", "1.5.0", 24, 3, 2);
        second = deployed(second, "env-0/z0", later, AttemptOutcome.SUCCEEDED, TargetStatus.SUCCEEDED);
        second = deployed(second, "env-0/z1", later.plusSeconds(600), AttemptOutcome.RUNNING, TargetStatus.DEPLOYING);
        Ledger ledger = Ledger.empty("payments-deploy").withTrain(first).withTrain(second);

        VersionMatrix matrix = VersionMatrix.of(ledger);

        assertThat(matrix.cell("env-0", "z0")).contains(new Cell("env-0", "z0", new Deployed("1.5.0", "t2", later), null));
        assertThat(matrix.cell("env-0", "z1")).contains(new Cell("env-0", "z1",
                new Deployed("1.4.2", "t1", T0.plus(Duration.ofMinutes(10))),
                new Rolling("1.5.0", "t2", TargetStatus.DEPLOYING)));
        assertThat(matrix.cell("env-2", "z1").orElseThrow().deployed().version()).isEqualTo("1.4.2");
        assertThat(matrix.cell("env-2", "z1").orElseThrow().rolling()).as("pending: not rolling yet").isNull();
    }

    @Test
    void aRollbackThatSucceededLaterShowsTheOlderVersion() {
        Train release = allSucceeded(release("t2", "1.5.0", 0, 1, 2), T0);
        Train rollback = allSucceeded(release("t3", "1.4.2", 5, 1, 2), T0.plus(Duration.ofHours(5)));

        VersionMatrix matrix = VersionMatrix.of(Ledger.empty("payments-deploy").withTrain(release).withTrain(rollback));

        assertThat(matrix.rows()).singleElement().satisfies(row -> assertThat(row.cells())
                .extracting(c -> c.deployed().version())
                .containsExactly("1.4.2", "1.4.2"));
    }

    @Test
    void aFailedDeployOfAStoppedTrainIsNotRollingAndASkippedTargetKeepsItsVersion() {
        Train first = allSucceeded(release("t1", "1.4.2", 0, 1, 2), T0);
        Train stopped = release("t2", "1.5.0", 2, 1, 2);
        Instant at = T0.plus(Duration.ofHours(2));
        stopped = deployed(stopped, "env-0/z0", at, AttemptOutcome.FAILED, TargetStatus.FAILED);
        stopped = stopped.withTarget("env-0/z1", t -> t.withStatus(TargetStatus.SKIPPED));
        Train failedButRunning = deployed(release("t3", "1.5.1", 3, 1, 2), "env-0/z0", at.plusSeconds(3600),
                AttemptOutcome.FAILED, TargetStatus.PAUSED);

        VersionMatrix whenStopped = VersionMatrix.of(Ledger.empty("p").withTrain(first)
                .withTrain(stopped.withStatus(TrainStatus.STOPPED, "stopped by alice", at)));
        VersionMatrix whenPaused = VersionMatrix.of(Ledger.empty("p").withTrain(first)
                .withTrain(stopped.withStatus(TrainStatus.STOPPED, "stopped by alice", at)).withTrain(failedButRunning));

        assertThat(whenStopped.cell("env-0", "z0").orElseThrow())
                .isEqualTo(new Cell("env-0", "z0", new Deployed("1.4.2", "t1", T0), null));
        assertThat(whenStopped.cell("env-0", "z1").orElseThrow().deployed().version()).isEqualTo("1.4.2");
        assertThat(whenPaused.cell("env-0", "z0").orElseThrow().rolling())
                .isEqualTo(new Rolling("1.5.1", "t3", TargetStatus.PAUSED));
    }

    @Test
    void environmentsFollowTheNewestPlanAndKeepThoseOnlyOlderTrainsHad() {
        Train old = allSucceeded(release("t1", "1.4.2", 0, 3, 1), T0);
        List<TargetRecord> reordered = new ArrayList<>();
        Train next = release("t2", "1.5.0", 1, 2, 1);
        // the newest plan puts env-1 first
        reordered.add(withIndex(next.targets().get(1), 0));
        reordered.add(withIndex(next.targets().get(0), 1));
        next = new Train("t2", next.service(), "1.5.0", TrainStatus.RUNNING, next.created(), next.by(), reordered,
                List.of(), List.of(), null, null);

        VersionMatrix matrix = VersionMatrix.of(Ledger.empty("p").withTrain(old).withTrain(next));

        assertThat(matrix.environments()).containsExactly("env-1", "env-0", "env-2");
        assertThat(matrix.cell("env-2", "z0").orElseThrow().deployed().version()).isEqualTo("1.4.2");
    }

    @Test
    void theMatrixIsWrittenAsJsonWithoutEmptyParts() throws Exception {
        Train first = allSucceeded(release("t1", "1.4.2", 0, 1, 1), T0);

        String json = LedgerJson.mapper().writeValueAsString(VersionMatrix.of(Ledger.empty("p").withTrain(first)));

        assertThat(json).isEqualTo("{\"job\":\"p\",\"environments\":[\"env-0\"],\"zones\":[\"z0\"],\"rows\":[{\"environment\":"
                + "\"env-0\",\"cells\":[{\"environment\":\"env-0\",\"zone\":\"z0\",\"deployed\":{\"version\":\"1.4.2\","
                + "\"train\":\"t1\",\"at\":\"2026-11-26T09:00:00Z\"}}]}]}");
    }

    private static TargetRecord withIndex(TargetRecord t, int index) {
        return new TargetRecord(t.id(), index, t.environment(), t.zone(), t.tier(), t.provider(), t.region(),
                t.soakAfter(), t.bakeAfter(), t.lastZoneOfEnvironment(), t.approvalBefore(), t.gates(), t.status(),
                t.waitUntil(), t.attempts(), t.gateResults());
    }
}

package io.jenkins.plugins.deploytrain.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.FleetLoader;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import io.jenkins.plugins.deploytrain.plan.Planner;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import io.jenkins.plugins.deploytrain.plan.TrainSpecLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ETA the progress line and the view show: planned from now, if approved now, or when the train completed. */
class TrainEtaTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).resolveSibling("examples");
    private static final Fleet FLEET = FleetLoader.load(EXAMPLES.resolve("fleet.yaml"));
    private static final TrainSpec SPEC = TrainSpecLoader.load(EXAMPLES.resolve("train.yaml"), FLEET);
    private static final Instant MONDAY = Instant.parse("2026-11-30T08:00:00Z");

    private static Train admitted() {
        PlannedTrain planned = PlannedTrain.of(FLEET, SPEC);
        return TrainAdmission.admit(Ledger.empty("payments"), SPEC.service(), "2.0.0", planned.targets(), SecondTrainPolicy.QUEUE,
                "carol", "test", MONDAY).ledger().trains().get(0);
    }

    private static Train withFirst(Train train, int count, TargetStatus status) {
        Train out = train;
        for (TargetRecord t : train.targets().subList(0, count)) {
            out = out.withTarget(t.id(), x -> x.withStatus(status));
        }
        return out;
    }

    private static Instant plannedFrom(Instant start, Train train) {
        return Planner.scheduleRemaining(FLEET, SPEC, start,
                id -> train.target(id).map(t -> !t.status().done()).orElse(false)).eta();
    }

    @Test
    void aTrainUnderWayIsPlannedFromNowForTheTargetsStillToRun() {
        Train underWay = withFirst(admitted(), 6, TargetStatus.SUCCEEDED);
        Instant now = MONDAY.plus(Duration.ofDays(1));

        TrainEta eta = TrainEta.of(FLEET, SPEC, underWay, now).orElseThrow();

        assertThat(eta.basis()).isEqualTo(TrainEta.Basis.PLANNED);
        assertThat(eta.at()).isEqualTo(plannedFrom(now, underWay)).isAfter(now);
        assertThat(eta.describe()).startsWith("ETA 20");
    }

    @Test
    void whileThePersonIsAskedTheEtaAssumesTheApprovalIsGivenNowAndSaysSo() {
        Train done6 = withFirst(admitted(), 6, TargetStatus.SUCCEEDED);
        String asked = done6.targets().get(6).id();
        Train waiting = done6.withTarget(asked, t -> t.withStatus(TargetStatus.FAILED))
                .withStatus(TrainStatus.AWAITING_APPROVAL, "deploy of " + asked + " failed", MONDAY);
        Instant now = MONDAY.plus(Duration.ofDays(2));

        TrainEta eta = TrainEta.of(FLEET, SPEC, waiting, now).orElseThrow();

        assertThat(eta.basis()).isEqualTo(TrainEta.Basis.IF_APPROVED_NOW);
        assertThat(eta.basis().label()).isEqualTo("ETA if approved now");
        // approved now, the failed target runs again next: the same as if it were pending now
        assertThat(eta.at()).isEqualTo(plannedFrom(now, done6));
        Instant aWeekLater = now.plus(Duration.ofDays(7));
        assertThat(TrainEta.of(FLEET, SPEC, waiting, aWeekLater).orElseThrow().at())
                .as("answering a week later moves the ETA").isAfterOrEqualTo(eta.at().plus(Duration.ofDays(5)));
    }

    @Test
    void aGateThatPausedATargetAlsoAsksAPerson() {
        Train done6 = withFirst(admitted(), 6, TargetStatus.SUCCEEDED);
        Train paused = done6.withTarget(done6.targets().get(6).id(), t -> t.withStatus(TargetStatus.PAUSED));

        assertThat(TrainEta.of(FLEET, SPEC, paused, MONDAY).orElseThrow().basis()).isEqualTo(TrainEta.Basis.IF_APPROVED_NOW);
    }

    @Test
    void aSoakingTargetFinishesItsSoakBeforeTheRestIsPlanned() {
        Train done8 = withFirst(admitted(), 8, TargetStatus.SUCCEEDED);
        TargetRecord primaryLast = done8.targets().get(8);
        Instant bakeEnds = MONDAY.plus(Duration.ofHours(13));
        Train baking = done8.withTarget(primaryLast.id(), t -> t.withStatus(TargetStatus.SOAKING).soakingUntil(bakeEnds));
        Train afterBake = done8.withTarget(primaryLast.id(), t -> t.withStatus(TargetStatus.SUCCEEDED));

        TrainEta eta = TrainEta.of(FLEET, SPEC, baking, MONDAY.plus(Duration.ofHours(1))).orElseThrow();

        assertThat(eta.basis()).isEqualTo(TrainEta.Basis.PLANNED);
        assertThat(eta.at()).isEqualTo(plannedFrom(bakeEnds, afterBake));
    }

    @Test
    void aCompletedTrainShowsWhenItCompletedHoweverLateItIsLookedAt() {
        Instant completed = MONDAY.plus(Duration.ofDays(40)).plusMillis(123);
        Train done = withFirst(admitted(), 72, TargetStatus.SUCCEEDED).withStatus(TrainStatus.SUCCEEDED, "72 of 72 targets done", completed);

        TrainEta eta = TrainEta.of(FLEET, SPEC, done, completed.plus(Duration.ofHours(3))).orElseThrow();

        assertThat(eta).isEqualTo(new TrainEta(completed, TrainEta.Basis.COMPLETED));
        assertThat(eta.describe()).isEqualTo("completed 2027-01-09T08:00:00Z");
    }

    @Test
    void aTrainThatEndedOtherwiseHasNoEta() {
        for (TrainStatus ended : List.of(TrainStatus.FAILED, TrainStatus.STOPPED, TrainStatus.SUPERSEDED)) {
            assertThat(TrainEta.of(FLEET, SPEC, admitted().withStatus(ended, "ended", MONDAY), MONDAY)).as(ended.json()).isEmpty();
        }
    }

    @Test
    void timesArePrintedToTheSecond() {
        assertThat(new TrainEta(Instant.parse("2026-12-10T11:37:14.435500Z"), TrainEta.Basis.IF_APPROVED_NOW).describe())
                .isEqualTo("ETA if approved now 2026-12-10T11:37:14Z");
        assertThat(new TrainEta(Instant.parse("2026-12-10T11:37:00Z"), TrainEta.Basis.PLANNED).describe())
                .isEqualTo("ETA 2026-12-10T11:37:00Z");
        assertThat(TrainEta.Basis.IF_APPROVED_NOW.json()).isEqualTo("if-approved-now");
    }
}

package io.jenkins.plugins.deploytrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.FleetLoader;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import io.jenkins.plugins.deploytrain.plan.TrainSpecLoader;
import io.jenkins.plugins.deploytrain.reconcile.DeployWindows;
import io.jenkins.plugins.deploytrain.reconcile.PlannedTrain;
import io.jenkins.plugins.deploytrain.reconcile.SecondTrainPolicy;
import io.jenkins.plugins.deploytrain.reconcile.TrainAdmission;
import io.jenkins.plugins.deploytrain.reconcile.TrainEta;
import io.jenkins.plugins.deploytrain.ui.ViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ServedViewTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).resolveSibling("examples");
    private static final Fleet FLEET = FleetLoader.load(EXAMPLES.resolve("fleet.yaml"));
    private static final TrainSpec TRAIN = TrainSpecLoader.load(EXAMPLES.resolve("train.yaml"), FLEET);
    private static final Instant MONDAY = Instant.parse("2026-11-30T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void afterALongWaitThePlanShowsTheTargetsStillToRunFromNowNeverInThePast() {
        PlannedTrain planned = PlannedTrain.of(FLEET, TRAIN);
        Ledger ledger = TrainAdmission.admit(Ledger.empty("payments"), TRAIN.service(), "2.0.0", planned.targets(),
                SecondTrainPolicy.QUEUE, "carol", "test", MONDAY).ledger();
        Train admitted = ledger.trains().get(0);
        Train underWay = admitted;
        for (TargetRecord t : admitted.targets().subList(0, 6)) {
            underWay = underWay.withTarget(t.id(), x -> x.withStatus(TargetStatus.SUCCEEDED));
        }
        // the train waited three days for a person; the page is looked at now
        Instant now = MONDAY.plus(Duration.ofDays(3));
        ServedView view = new ServedView(underWay.id(), Clock.fixed(now, ZoneOffset.UTC), DeployWindows.ALWAYS_OPEN, w -> false,
                ServedView.planned(FLEET, TRAIN, Clock.fixed(now, ZoneOffset.UTC)));

        ViewModel.Plan plan = view.host(ledger.withTrain(underWay), underWay).plan().get();

        assertThat(plan.steps()).hasSize(admitted.targets().size() - 6);
        assertThat(plan.steps()).allSatisfy(s -> assertThat(s.plannedStart()).isAfterOrEqualTo(now));
        assertThat(plan.steps()).extracting(ViewModel.PlannedStep::target).doesNotContainAnyElementsOf(
                admitted.targets().subList(0, 6).stream().map(TargetRecord::id).toList());
        assertThat(plan.eta()).isAfter(now);
    }

    @Test
    void theViewSaysTheEtaIfApprovedNowWhileAPersonIsAskedAndTheCompletionTimeOnceComplete() throws Exception {
        PlannedTrain planned = PlannedTrain.of(FLEET, TRAIN);
        Ledger ledger = TrainAdmission.admit(Ledger.empty("payments"), TRAIN.service(), "2.0.0", planned.targets(),
                SecondTrainPolicy.QUEUE, "carol", "test", MONDAY).ledger();
        Train admitted = ledger.trains().get(0);
        Train waiting = admitted.withTarget(admitted.targets().get(0).id(), t -> t.withStatus(TargetStatus.FAILED))
                .withStatus(TrainStatus.AWAITING_APPROVAL, "deploy failed", MONDAY);
        Instant now = MONDAY.plus(Duration.ofHours(5));
        ServedView view = new ServedView(admitted.id(), Clock.fixed(now, ZoneOffset.UTC), DeployWindows.ALWAYS_OPEN, w -> false,
                ServedView.planned(FLEET, TRAIN, Clock.fixed(now, ZoneOffset.UTC)));

        JsonNode asked = JSON.readTree(compose(view, ledger.withTrain(waiting), waiting).render()).get("plan");
        assertThat(asked.get("etaBasis").asText()).isEqualTo("if-approved-now");
        assertThat(Instant.parse(asked.get("eta").asText()))
                .isEqualTo(TrainEta.of(FLEET, TRAIN, waiting, now).orElseThrow().at()).isAfter(now);

        Train done = admitted;
        for (TargetRecord t : admitted.targets()) {
            done = done.withTarget(t.id(), x -> x.withStatus(TargetStatus.SUCCEEDED));
        }
        Instant completed = MONDAY.plus(Duration.ofDays(30));
        done = done.withStatus(TrainStatus.SUCCEEDED, "72 of 72 targets done", completed);
        JsonNode over = JSON.readTree(compose(view, ledger.withTrain(done), done).render()).get("plan");
        assertThat(over.get("etaBasis").asText()).isEqualTo("completed");
        assertThat(over.get("eta").asText()).isEqualTo(completed.toString());
        assertThat(over.get("steps")).isEmpty();
        assertThat(JSON.readTree(compose(new ServedView(admitted.id(), Clock.fixed(now, ZoneOffset.UTC), DeployWindows.ALWAYS_OPEN,
                w -> false, ServedView.unplanned()), ledger.withTrain(done), done).render()).at("/plan/eta").asText())
                .as("deploy-train serve, without the train file").isEqualTo(completed.toString());
    }

    /** The document the served page sends for {@code train}: the question and the plan of the poll's host. */
    private static ViewModel compose(ServedView view, Ledger ledger, Train train) {
        return ViewModel.of(train, view.awaiting(ledger, train), view.host(ledger, train).plan().get(), true, null);
    }
}

package io.jenkins.plugins.deploytrain.reconcile;

import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.plan.Planner;
import io.jenkins.plugins.deploytrain.plan.Step;
import io.jenkins.plugins.deploytrain.plan.TrainCalendar;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A train spec planned on a fleet, in the reconciler's terms: the targets a new train snapshots into the
 * ledger, and the deploy windows of each target from the planner's calendar.
 */
public record PlannedTrain(List<Step> steps, DeployWindows windows) {

    public static PlannedTrain of(Fleet fleet, TrainSpec spec) {
        List<Step> steps = Planner.steps(fleet, spec);
        TrainCalendar calendar = new TrainCalendar(fleet, spec);
        Map<String, Step> byId = steps.stream().collect(Collectors.toMap(s -> s.target().id(), Function.identity()));
        DeployWindows windows = (target, notBefore) -> {
            Step step = byId.get(target.id());
            // a target the current fleet no longer has keeps the train going: it was planned when the train started
            return step == null ? java.util.Optional.of(notBefore) : calendar.earliestStart(step, notBefore);
        };
        return new PlannedTrain(steps, windows);
    }

    /** The targets of a new train, all pending, with no gate (gates come from the train's gate section). */
    public List<TargetRecord> targets() {
        return steps.stream().map(s -> new TargetRecord(s.target().id(), s.index(), s.target().environment(),
                s.target().zone(), s.tier().yamlName(), s.provider(), s.region(), s.soakAfter(), s.bakeAfter(),
                s.lastZoneOfEnvironment(), false, List.of(), TargetStatus.PENDING, null, List.of(), List.of())).toList();
    }
}

package io.jenkins.plugins.deploytrain.jenkins.steps;

import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.PlanRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TerraformRecord;
import java.io.PrintStream;
import java.util.Optional;

/** A terraform target waiting with its plan: the diff the ledger keeps, in the console too. */
final class PlanReviewPrinter {
    private PlanReviewPrinter() {}

    static void print(Optional<Ledger> ledger, String trainId, String target, PrintStream log) {
        Optional<TerraformRecord> waiting = ledger.flatMap(l -> l.train(trainId))
                .flatMap(t -> t.target(target))
                .map(TargetRecord::terraform)
                .filter(TerraformRecord::awaitingReview);
        if (waiting.isPresent()) {
            PlanRecord plan = waiting.get().plan();
            log.println(
                    plan.comparedWith() == null
                            ? Messages.TerraformTrainStep_changes(target)
                            : Messages.TerraformTrainStep_diff(target, plan.comparedWith()));
            plan.diff().forEach(line -> log.println("    " + line));
        }
    }
}

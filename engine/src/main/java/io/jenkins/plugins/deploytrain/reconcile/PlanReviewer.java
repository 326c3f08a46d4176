package io.jenkins.plugins.deploytrain.reconcile;

import io.jenkins.plugins.deploytrain.ledger.PlanRecord;
import io.jenkins.plugins.deploytrain.ledger.PlanReview;
import io.jenkins.plugins.deploytrain.ledger.ReviewStatus;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.terraform.PlanComparator;
import io.jenkins.plugins.deploytrain.terraform.PlanComparison;
import io.jenkins.plugins.deploytrain.terraform.PlanDigest;
import io.jenkins.plugins.deploytrain.terraform.PlanFile;
import io.jenkins.plugins.deploytrain.terraform.PlanFingerprinter;
import io.jenkins.plugins.deploytrain.terraform.PlanFormatException;
import io.jenkins.plugins.deploytrain.terraform.PlanTokens;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a terraform target's plan and reviews it against the plans approved earlier in its train: identical
 * (but for the targets' tokens) to one of them is approved on its own when the train allows it; anything
 * else waits for a person, with the diff against the closest approved plan. Keeps the plan in the host's
 * archive so later plans can be diffed against it; writes nothing else.
 */
final class PlanReviewer {

    /** The plan as the ledger records it, and its review. */
    record Verdict(PlanRecord plan, PlanReview review) {}

    private PlanReviewer() {}

    /**
     * @param file the plan's name in problems (the path the body wrote it to)
     * @throws PlanFormatException the plan is not {@code terraform show -json} output; names file, line and field
     * @throws IOException the archive cannot keep the plan
     */
    static Verdict review(Train train, TargetRecord t, int attempt, String planJson, String file, PlanArchive archive,
            String worker, Instant now) throws IOException, PlanFormatException {
        PlanTokens tokens = new PlanTokens(t.terraform().tokens());
        PlanDigest digest = new PlanFingerprinter(tokens)
                .fingerprint(new ByteArrayInputStream(planJson.getBytes(StandardCharsets.UTF_8)), file);
        archive.keep(train.id(), t.id(), attempt, planJson);
        List<String> drift = PlanSummary.cut(List.copyOf(digest.drift().keySet()));
        int changes = digest.changes().size();
        List<TargetRecord> approved = train.targets().stream()
                .filter(x -> !x.id().equals(t.id()) && x.terraform() != null && x.terraform().hasApprovedPlan())
                .toList();

        Optional<TargetRecord> same = approved.stream()
                .filter(x -> x.terraform().plan().fingerprint().equals(digest.fingerprint())).findFirst();
        if (same.isPresent()) {
            String sameAs = same.get().id();
            if (t.terraform().autoApproveIdenticalPlans()) {
                return new Verdict(new PlanRecord(attempt, digest.fingerprint(), changes, sameAs, List.of(), drift),
                        new PlanReview(ReviewStatus.AUTO_APPROVED, sameAs, worker, now));
            }
            return new Verdict(new PlanRecord(attempt, digest.fingerprint(), changes, sameAs,
                    List.of("identical to the plan approved for " + sameAs + "; automatic approval is off"), drift),
                    new PlanReview(ReviewStatus.WAITING, sameAs, null, null));
        }
        if (approved.isEmpty()) {
            return waiting(attempt, digest, null, PlanSummary.planned(digest), drift);
        }
        Map<String, String> targetOfFile = new HashMap<>();
        List<PlanFile> files = new ArrayList<>();
        for (TargetRecord x : approved) {
            Optional<Path> kept = archive.find(train.id(), x.id(), x.terraform().plan().attempt());
            if (kept.isPresent()) {
                targetOfFile.put(kept.get().toString(), x.id());
                files.add(new PlanFile(kept.get(), new PlanTokens(x.terraform().tokens())));
            }
        }
        Optional<Path> candidate = archive.find(train.id(), t.id(), attempt);
        if (files.isEmpty() || candidate.isEmpty()) {
            List<String> lines = new ArrayList<>();
            lines.add("the approved plans (of " + approved.stream().map(TargetRecord::id).toList()
                    + ") are no longer kept here, so no diff: review the plan as a whole");
            lines.addAll(PlanSummary.planned(digest));
            return waiting(attempt, digest, null, PlanSummary.cut(lines), drift);
        }
        PlanComparison comparison = new PlanComparator().compare(new PlanFile(candidate.get(), tokens), files);
        if (comparison instanceof PlanComparison.Different different) {
            return waiting(attempt, digest, targetOfFile.get(different.closest().source()),
                    PlanSummary.diff(different.differences()), drift);
        }
        // the kept plan of an approved target hashes to another fingerprint than the ledger says: it was replaced
        PlanComparison.Identical identical = (PlanComparison.Identical) comparison;
        return waiting(attempt, digest, targetOfFile.get(identical.approved().source()),
                List.of("identical to a kept plan whose recorded fingerprint differs (the kept file changed): review the plan"),
                drift);
    }

    private static Verdict waiting(int attempt, PlanDigest digest, String comparedWith, List<String> diff, List<String> drift) {
        return new Verdict(new PlanRecord(attempt, digest.fingerprint(), digest.changes().size(), comparedWith, diff, drift),
                new PlanReview(ReviewStatus.WAITING, null, null, null));
    }
}

package io.jenkins.plugins.deploytrain.reconcile;

import io.jenkins.plugins.deploytrain.ledger.PlanRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.terraform.AttributeDifference;
import io.jenkins.plugins.deploytrain.terraform.PlanDigest;
import io.jenkins.plugins.deploytrain.terraform.ResourceDifference;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan's review in words: the diff lines the ledger keeps (already redacted by the comparator: sensitive
 * values read {@code (sensitive)}), and the one-line question a waiting plan asks. Pure.
 */
final class PlanSummary {

    /** A ledger entry stays readable, and a plan of thousands of changes does not grow the ledger without bound. */
    static final int MAX_LINES = 200;

    private static final int ADDRESSES_IN_QUESTION = 5;

    private PlanSummary() {}

    /** {@code ~ address}, {@code + address  (only in this plan)}, {@code - address  (only in the approved plan)}, each with its attributes. */
    static List<String> diff(List<ResourceDifference> differences) {
        List<String> lines = new ArrayList<>();
        for (ResourceDifference d : differences) {
            lines.add(switch (d.kind()) {
                case CHANGED -> "~ " + d.address();
                case ADDED -> "+ " + d.address() + "  (only in this plan)";
                case REMOVED -> "- " + d.address() + "  (only in the approved plan)";
            });
            for (AttributeDifference a : d.attributes()) {
                if (!a.path().equals("address")) {
                    lines.add("    " + a.path() + ": " + a.approved() + " -> " + a.candidate());
                }
            }
        }
        return cut(lines);
    }

    /** The first plan of a train has nothing to be compared with: its changes, by address. */
    static List<String> planned(PlanDigest digest) {
        return cut(digest.changes().keySet().stream().map(address -> "+ " + address).toList());
    }

    static List<String> cut(List<String> lines) {
        if (lines.size() <= MAX_LINES) {
            return lines;
        }
        List<String> kept = new ArrayList<>(lines.subList(0, MAX_LINES));
        kept.add("… " + (lines.size() - MAX_LINES) + " more lines");
        return kept;
    }

    /** What a person is asked about a plan that waits for review. */
    static String question(TargetRecord t) {
        PlanRecord plan = t.terraform().plan();
        String head = "plan of " + t.id() + " (attempt " + plan.attempt() + ", " + plan.changes() + " changes)";
        if (t.terraform().review().sameAs() != null) {
            return head + " is identical to the plan approved for " + t.terraform().review().sameAs()
                    + "; automatic approval is off: approve it to apply";
        }
        List<String> addresses = plan.diff().stream().filter(l -> l.startsWith("~ ") || l.startsWith("+ ") || l.startsWith("- "))
                .map(l -> l.substring(2).replace("  (only in this plan)", "").replace("  (only in the approved plan)", ""))
                .toList();
        String listed = String.join(", ", addresses.subList(0, Math.min(ADDRESSES_IN_QUESTION, addresses.size())))
                + (addresses.size() > ADDRESSES_IN_QUESTION ? ", …" : "");
        if (plan.comparedWith() == null) {
            return head + " needs review, no approved plan to compare with: " + listed;
        }
        return head + " differs from the plan approved for " + plan.comparedWith() + " in " + addresses.size()
                + " changes: " + listed;
    }
}

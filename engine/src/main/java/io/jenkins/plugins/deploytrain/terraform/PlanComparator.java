package io.jenkins.plugins.deploytrain.terraform;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a candidate plan with approved plans. The first pass fingerprints every plan (hashes
 * only); when no fingerprint matches, a second pass over the candidate and the closest approved
 * plan normalises just the changes whose hashes differ, and diffs them attribute by attribute.
 */
public final class PlanComparator {

    public PlanComparison compare(PlanFile candidate, List<PlanFile> approved) throws IOException, PlanFormatException {
        if (approved.isEmpty()) {
            throw new IllegalArgumentException("at least one approved plan is needed to compare with");
        }
        List<PlanProblem> problems = new ArrayList<>();
        PlanDigest candidateDigest = fingerprint(candidate, problems);
        List<PlanDigest> approvedDigests = new ArrayList<>();
        for (PlanFile plan : approved) {
            approvedDigests.add(fingerprint(plan, problems));
        }
        if (!problems.isEmpty()) {
            throw new PlanFormatException(problems);
        }
        for (PlanDigest digest : approvedDigests) {
            if (digest.fingerprint().equals(candidateDigest.fingerprint())) {
                return new PlanComparison.Identical(candidateDigest, digest);
            }
        }
        int closest = 0;
        for (int i = 1; i < approvedDigests.size(); i++) {
            if (candidateDigest.distanceTo(approvedDigests.get(i)) < candidateDigest.distanceTo(approvedDigests.get(closest))) {
                closest = i;
            }
        }
        return new PlanComparison.Different(candidateDigest, approvedDigests.get(closest),
                differences(candidate, candidateDigest, approved.get(closest), approvedDigests.get(closest)));
    }

    private static PlanDigest fingerprint(PlanFile plan, List<PlanProblem> problems) throws IOException {
        try {
            return new PlanFingerprinter(plan.tokens()).fingerprint(plan.path());
        } catch (PlanFormatException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    private static List<ResourceDifference> differences(PlanFile candidate, PlanDigest candidateDigest,
                                                        PlanFile approved, PlanDigest approvedDigest)
            throws IOException, PlanFormatException {
        Set<String> differing = new TreeSet<>();
        candidateDigest.changes().forEach((key, digest) -> {
            if (!digest.equals(approvedDigest.changes().get(key))) {
                differing.add(key);
            }
        });
        approvedDigest.changes().keySet().stream().filter(key -> !candidateDigest.changes().containsKey(key)).forEach(differing::add);

        Map<String, ObjectNode> candidateChanges = load(candidate, differing);
        Map<String, ObjectNode> approvedChanges = load(approved, differing);
        List<ResourceDifference> out = new ArrayList<>();
        for (String key : differing) {
            ObjectNode before = approvedChanges.get(key);
            ObjectNode after = candidateChanges.get(key);
            if (before == null) {
                out.add(new ResourceDifference(key, ResourceDifference.Kind.ADDED, AttributeDiffer.diff(addressOnly(key), after)));
            } else if (after == null) {
                out.add(new ResourceDifference(key, ResourceDifference.Kind.REMOVED, AttributeDiffer.diff(before, addressOnly(key))));
            } else {
                out.add(new ResourceDifference(key, ResourceDifference.Kind.CHANGED, AttributeDiffer.diff(before, after)));
            }
        }
        out.sort(Comparator.comparing(ResourceDifference::address));
        return out;
    }

    private static ObjectNode addressOnly(String key) {
        return JsonNodeFactory.instance.objectNode().put("address", key.replaceFirst(" #[0-9]+$", ""));
    }

    private static Map<String, ObjectNode> load(PlanFile plan, Set<String> keys) throws IOException, PlanFormatException {
        Map<String, ObjectNode> found = new HashMap<>();
        PlanReader.read(plan.path(), new NormalisedChanges(plan.tokens(), keys::contains, (kind, key, normalised) -> {
            if (kind != ChangeKind.DRIFT) {
                found.put(key, normalised);
            }
        }));
        return found;
    }
}

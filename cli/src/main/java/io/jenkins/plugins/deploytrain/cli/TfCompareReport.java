package io.jenkins.plugins.deploytrain.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.deploytrain.terraform.AttributeDifference;
import io.jenkins.plugins.deploytrain.terraform.PlanComparison;
import io.jenkins.plugins.deploytrain.terraform.PlanDigest;
import io.jenkins.plugins.deploytrain.terraform.ResourceDifference;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/** Renders a plan comparison for people (text) or for tools (JSON). Values are already normalised and redacted. */
final class TfCompareReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TfCompareReport() {}

    static String text(PlanComparison result) {
        StringBuilder out = new StringBuilder();
        if (result instanceof PlanComparison.Identical identical) {
            out.append("identical: ").append(identical.candidate().source())
                    .append(" is the change approved in ").append(identical.approved().source()).append('\n')
                    .append("  fingerprint ").append(identical.candidate().fingerprint()).append('\n');
        } else if (result instanceof PlanComparison.Different different) {
            List<ResourceDifference> differences = different.differences();
            out.append("different: ").append(different.candidate().source()).append(" differs from the closest approved plan ")
                    .append(different.closest().source()).append(" in ").append(differences.size())
                    .append(differences.size() == 1 ? " change" : " changes").append('\n');
            for (ResourceDifference difference : differences) {
                out.append(switch (difference.kind()) {
                    case ADDED -> "+ " + difference.address() + "  (only in the candidate)";
                    case REMOVED -> "- " + difference.address() + "  (only in the approved plan)";
                    case CHANGED -> "~ " + difference.address();
                }).append('\n');
                for (AttributeDifference attribute : difference.attributes()) {
                    out.append("    ").append(attribute.path()).append(": ").append(attribute.approved())
                            .append(" -> ").append(attribute.candidate()).append('\n');
                }
            }
        }
        if (!result.candidateDrift().isEmpty()) {
            out.append("drift (changed outside Terraform in the candidate's target; not compared): ")
                    .append(String.join(", ", result.candidateDrift())).append('\n');
        }
        return out.toString();
    }

    static String json(PlanComparison result) {
        ObjectNode root = JSON.createObjectNode();
        root.set("candidate", plan(result.candidate()));
        if (result instanceof PlanComparison.Identical identical) {
            root.put("result", "identical");
            root.set("approved", plan(identical.approved()));
        } else if (result instanceof PlanComparison.Different different) {
            root.put("result", "different");
            root.set("approved", plan(different.closest()));
            ArrayNode differences = root.putArray("differences");
            for (ResourceDifference difference : different.differences()) {
                ObjectNode d = differences.addObject();
                d.put("address", difference.address());
                d.put("kind", difference.kind().name().toLowerCase(Locale.ROOT));
                ArrayNode attributes = d.putArray("attributes");
                for (AttributeDifference attribute : difference.attributes()) {
                    attributes.addObject().put("path", attribute.path())
                            .put("approved", attribute.approved()).put("candidate", attribute.candidate());
                }
            }
        }
        ArrayNode drift = root.putArray("candidateDrift");
        result.candidateDrift().forEach(drift::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode plan(PlanDigest digest) {
        ObjectNode plan = JSON.createObjectNode();
        plan.put("file", digest.source());
        plan.put("formatVersion", digest.formatVersion());
        plan.put("fingerprint", digest.fingerprint());
        plan.put("changes", digest.changes().size());
        return plan;
    }
}

package io.jenkins.plugins.deploytrain.reconcile;

import io.jenkins.plugins.deploytrain.fleet.Environment;
import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TerraformRecord;
import io.jenkins.plugins.deploytrain.terraform.PlanTokens;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a train's targets the targets of a terraform train: each gets the tokens its plans are normalised
 * with, snapshotted from the fleet when the train starts. The tokens of a target are its environment's name
 * ({@code env}), region ({@code region}), its zone first and then the environment's other zones in fleet order
 * ({@code zone1}, {@code zone2}...), and the environment's labels the train names ({@code account},
 * {@code cell}...): so {@code us-east-1b} in one region's plan and {@code eu-west-1b} in another's are the
 * same placeholder. A name equal to an earlier token, or shorter than two characters, is no token (it would
 * match far too much); comparing then errs towards a human review. Pure.
 */
public final class TerraformTargets {
    private TerraformTargets() {}

    /**
     * @param labelTokens names of environment labels whose values are tokens too (an account id per environment)
     * @throws IllegalArgumentException naming every environment that lacks a label, or a target the fleet has not
     */
    public static List<TargetRecord> of(Fleet fleet, List<TargetRecord> targets, List<String> labelTokens,
            boolean autoApproveIdenticalPlans) {
        List<String> problems = new ArrayList<>();
        for (String label : labelTokens) {
            if (!label.matches("[A-Za-z][A-Za-z0-9_-]*") || label.matches("zone[0-9]+") || label.equals("env") || label.equals("region")) {
                problems.add("token '" + label + "' is not a label name that can be a token (letters, digits, '_' and '-'; not env, region or zoneN)");
            }
        }
        List<TargetRecord> out = new ArrayList<>();
        for (TargetRecord t : targets) {
            Optional<Environment> env = fleet.environment(t.environment());
            if (env.isEmpty()) {
                problems.add("target " + t.id() + ": the fleet has no environment " + t.environment());
                continue;
            }
            Map<String, String> tokens = new LinkedHashMap<>();
            put(tokens, "env", env.get().name());
            put(tokens, "region", env.get().region());
            List<String> zones = new ArrayList<>();
            zones.add(t.zone());
            env.get().zones().stream().filter(z -> !z.equals(t.zone())).forEach(zones::add);
            for (int i = 0; i < zones.size(); i++) {
                put(tokens, "zone" + (i + 1), zones.get(i));
            }
            for (String label : labelTokens) {
                String value = env.get().labels().get(label);
                if (value == null) {
                    problems.add("environment " + env.get().name() + " has no label '" + label + "' (the train's tokens are "
                            + labelTokens + "; its labels are " + env.get().labels().keySet() + ")");
                } else {
                    put(tokens, label, value);
                }
            }
            out.add(t.withTerraform(TerraformRecord.of(new PlanTokens(tokens).values(), autoApproveIdenticalPlans)));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return out;
    }

    private static void put(Map<String, String> tokens, String name, String literal) {
        if (literal != null && literal.length() >= 2 && !tokens.containsValue(literal)) {
            tokens.put(name, literal);
        }
    }
}

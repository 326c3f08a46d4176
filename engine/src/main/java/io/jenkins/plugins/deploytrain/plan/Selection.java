package io.jenkins.plugins.deploytrain.plan;

import io.jenkins.plugins.deploytrain.fleet.Environment;
import io.jenkins.plugins.deploytrain.fleet.Tier;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which environments a train covers: names matching any of {@code environments} (all when empty),
 * carrying every label of {@code labels}, of one of {@code tiers} (all when empty).
 */
public record Selection(List<Glob> environments, Map<String, String> labels, Set<Tier> tiers) {

    public static final Selection ALL = new Selection(List.of(), Map.of(), Set.of());

    public Selection {
        environments = List.copyOf(environments);
        labels = Map.copyOf(labels);
        tiers = Set.copyOf(tiers);
    }

    public boolean matches(Environment e) {
        return (environments.isEmpty() || environments.stream().anyMatch(g -> g.matches(e.name())))
                && labels.entrySet().stream().allMatch(l -> l.getValue().equals(e.labels().get(l.getKey())))
                && (tiers.isEmpty() || tiers.contains(e.tier()));
    }
}

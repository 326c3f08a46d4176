package io.jenkins.plugins.deploytrain.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The gates of a train: {@code default} ones apply to every tier, then the tier's own. */
public record GatesConfig(List<GateSpec> defaults, Map<String, List<GateSpec>> byTier) {

    public static final GatesConfig NONE = new GatesConfig(List.of(), Map.of());

    public GatesConfig {
        defaults = List.copyOf(defaults);
        byTier = Map.copyOf(byTier);
    }

    public List<GateSpec> gatesFor(String tier) {
        List<GateSpec> all = new ArrayList<>(defaults);
        all.addAll(byTier.getOrDefault(tier, List.of()));
        return List.copyOf(all);
    }
}

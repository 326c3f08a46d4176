package io.jenkins.plugins.deploytrain.gate;

import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
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

    /** The targets of a new train with the names of their tier's gates, which the stepper then verifies in order. */
    public List<TargetRecord> assignTo(List<TargetRecord> targets) {
        return targets.stream().map(t -> new TargetRecord(t.id(), t.index(), t.environment(), t.zone(), t.tier(), t.provider(),
                t.region(), t.soakAfter(), t.bakeAfter(), t.lastZoneOfEnvironment(), t.approvalBefore(),
                gatesFor(t.tier() == null ? "" : t.tier()).stream().map(GateSpec::name).toList(), t.status(), t.waitUntil(),
                t.attempts(), t.gateResults())).toList();
    }
}

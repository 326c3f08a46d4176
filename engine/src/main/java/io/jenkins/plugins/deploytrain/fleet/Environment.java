package io.jenkins.plugins.deploytrain.fleet;

import java.util.List;
import java.util.Map;

/**
 * One isolated environment (a "cell"): deployed zone by zone, in the order of {@code zones}.
 * {@code allowed} and {@code blackouts} name windows of the fleet.
 */
public record Environment(
        String name,
        String provider,
        String region,
        List<String> zones,
        Tier tier,
        List<String> allowed,
        List<String> blackouts,
        Map<String, String> labels) {

    public Environment {
        zones = List.copyOf(zones);
        allowed = List.copyOf(allowed);
        blackouts = List.copyOf(blackouts);
        labels = Map.copyOf(labels);
    }
}

package io.jenkins.plugins.deploytrain.gate;

import java.time.Instant;
import java.util.Map;

/**
 * What a gate is evaluated for: the target's variables (TRAIN_ENVIRONMENT, TRAIN_ZONE, TRAIN_REGION, ...),
 * when the step finished (the start of any bake or clean period), and now. Everything a restart needs
 * is here, so evaluation holds no state between calls.
 */
public record GateContext(Map<String, String> variables, Instant since, Instant now) {
    public GateContext {
        variables = Map.copyOf(variables);
    }
}

package io.jenkins.plugins.deploytrain.fleetstate;

import io.jenkins.plugins.deploytrain.config.ConfigNode;
import io.jenkins.plugins.deploytrain.config.ConfigValue;
import io.jenkins.plugins.deploytrain.config.Problems;
import java.util.Optional;

/**
 * What a train's deploy of one environment keeps others from: the train file's {@code exclusive} field.
 * {@code service} (the default): no other train of the same service deploys the environment meanwhile;
 * {@code environment}: no other train of any service does (an environment whose services must not change
 * together).
 */
public enum LeaseScope {
    SERVICE,
    ENVIRONMENT;

    /** Reads the train file's {@code exclusive} field, if any. */
    public static LeaseScope read(Optional<ConfigNode> exclusive) {
        if (exclusive.isEmpty()) {
            return SERVICE;
        }
        Problems problems = new Problems();
        Optional<LeaseScope> scope = new ConfigValue(exclusive.get(), "exclusive", problems)
                .asEnum(LeaseScope.class, "exclusive scope");
        problems.throwIfAny();
        return scope.orElse(SERVICE);
    }

    public boolean wholeEnvironment() {
        return this == ENVIRONMENT;
    }
}

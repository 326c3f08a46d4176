package io.jenkins.plugins.deploytrain.plan;

import io.jenkins.plugins.deploytrain.fleet.Environment;
import java.util.Comparator;

/** How production and dedicated environments not named in {@code order} follow each other. */
public enum EnvironmentSort {
    /** As listed in the fleet file. */
    FLEET(Comparator.comparingInt(e -> 0)),
    NAME(Comparator.comparing(Environment::name)),
    REGION(Comparator.comparing(Environment::region).thenComparing(Environment::name)),
    PROVIDER(Comparator.comparing(Environment::provider).thenComparing(Environment::name));

    private final Comparator<Environment> comparator;

    EnvironmentSort(Comparator<Environment> comparator) {
        this.comparator = comparator;
    }

    /** A stable comparator: equal keys keep the fleet's order. */
    public Comparator<Environment> comparator() {
        return comparator;
    }
}

package io.jenkins.plugins.deploytrain.shadow;

/** How one (primary, shadow) pair compares. */
public enum PairOutcome {
    EQUAL,
    EQUAL_AFTER_RULES,
    UNEXPECTED
}

package io.jenkins.plugins.deploytrain.fleet;

import io.jenkins.plugins.deploytrain.config.ConfigValue;

/** How early in a train an environment is deployed; YAML names are lower case ({@code primary}). */
public enum Tier {
    STAGING,
    SHADOW,
    PRIMARY,
    PRODUCTION,
    DEDICATED;

    public String yamlName() {
        return ConfigValue.yamlName(this);
    }
}

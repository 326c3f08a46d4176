package io.jenkins.plugins.deploytrain.plan;

import java.time.Duration;
import java.util.Optional;

/**
 * For a daily train: deploy the version that has run in an environment (the primary unless named)
 * for at least {@code bakedFor}, instead of a fixed version.
 */
public record VersionSelector(Optional<String> environment, Duration bakedFor) {}

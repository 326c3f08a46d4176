package io.jenkins.plugins.deploytrain.terraform;

import java.nio.file.Path;

/** A plan on disk and the tokens of the target it was planned for. */
public record PlanFile(Path path, PlanTokens tokens) {}

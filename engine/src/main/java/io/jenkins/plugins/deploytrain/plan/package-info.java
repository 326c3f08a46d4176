/**
 * The train: {@link io.jenkins.plugins.deploytrain.plan.TrainSpec} (read from {@code train.yaml}),
 * the pure order of {@link io.jenkins.plugins.deploytrain.plan.Step}s, and the dry run that says when
 * each step would run under every window, soak and bake
 * ({@link io.jenkins.plugins.deploytrain.plan.Planner#schedule}).
 */
package io.jenkins.plugins.deploytrain.plan;

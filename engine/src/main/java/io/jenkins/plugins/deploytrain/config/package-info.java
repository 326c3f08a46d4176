/**
 * Location-aware configuration reading shared by every loader (fleet, train, gates, shadow rules):
 * {@link io.jenkins.plugins.deploytrain.config.YamlTree} reads YAML (or plain Java maps and lists)
 * into {@link io.jenkins.plugins.deploytrain.config.ConfigNode}s that remember their line and column;
 * {@link io.jenkins.plugins.deploytrain.config.ConfigMap} and
 * {@link io.jenkins.plugins.deploytrain.config.ConfigValue} are typed views that record every
 * {@link io.jenkins.plugins.deploytrain.config.ConfigProblem} instead of stopping at the first, so a
 * user sees all mistakes of a file at once in one {@link io.jenkins.plugins.deploytrain.config.ConfigException}.
 */
package io.jenkins.plugins.deploytrain.config;

package io.jenkins.plugins.deploytrain.terraform;

/**
 * One attribute that differs, with both sides rendered for reading: normalised (placeholders in
 * place of tokens), sensitive values as {@code (sensitive)}, absent ones as {@code (absent)}.
 *
 * @param path {@code after.tags.Name}, {@code before.ingress[0].cidr_blocks}, {@code actions}...
 */
public record AttributeDifference(String path, String approved, String candidate) {}

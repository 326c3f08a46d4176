package io.jenkins.plugins.deploytrain.shadow;

import com.fasterxml.jackson.databind.JsonNode;

/** One request and both answers to it; {@code line} is its line in the pairs file (1-based). */
public record RecordedPair(long line, JsonNode request, JsonNode primary, JsonNode shadow) {}

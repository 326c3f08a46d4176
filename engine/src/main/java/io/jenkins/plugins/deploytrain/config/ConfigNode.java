package io.jenkins.plugins.deploytrain.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a configuration document. Nodes know where they were written but not their path:
 * the path depends on how a reader reached them (a YAML alias may share a node between places).
 */
public sealed interface ConfigNode permits ConfigNode.MapNode, ConfigNode.ListNode, ConfigNode.ScalarNode {

    Location location();

    /** A short name of the node's kind, for messages like "expected a list, found a mapping". */
    String kind();

    /** A mapping; entries keep the document's order and each key's own location. */
    record MapNode(Map<String, Entry> entries, Location location) implements ConfigNode {
        public MapNode {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record Entry(String key, Location keyLocation, ConfigNode value) {}

    record ListNode(List<ConfigNode> items, Location location) implements ConfigNode {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /**
     * A scalar as written; {@code text} is null for YAML null ({@code ~}, {@code null}, nothing or an empty string).
     * Typed readers parse the text, so {@code 09:00} or {@code 2026-12-25} reach them unchanged.
     */
    record ScalarNode(String text, Location location) implements ConfigNode {
        public boolean isNull() {
            return text == null;
        }

        @Override
        public String kind() {
            return isNull() ? "nothing" : "a value";
        }
    }
}

package io.jenkins.plugins.deploytrain.config;

import io.jenkins.plugins.deploytrain.config.ConfigNode.Entry;
import io.jenkins.plugins.deploytrain.config.ConfigNode.MapNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A mapping seen at a path, with accessors that record problems: unknown fields (with a "did you
 * mean"), missing required fields, and through {@link ConfigValue} every typed conversion.
 */
public final class ConfigMap {

    private final MapNode node;
    private final String path;
    private final Problems problems;

    ConfigMap(MapNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    public String path() {
        return path;
    }

    public Location location() {
        return node.location();
    }

    public MapNode node() {
        return node;
    }

    public Problems problems() {
        return problems;
    }

    public Set<String> keys() {
        return node.entries().keySet();
    }

    /** Every entry as a value at its path, in document order. */
    public List<Map.Entry<String, ConfigValue>> entries() {
        List<Map.Entry<String, ConfigValue>> all = new ArrayList<>();
        node.entries().forEach((k, e) -> all.add(Map.entry(k, value(e))));
        return all;
    }

    /** The location of a key itself (where a problem about the key, not its value, points). */
    public Location keyLocation(String key) {
        Entry e = node.entries().get(key);
        return e == null ? node.location() : e.keyLocation();
    }

    /** Records a problem for every key not in {@code known}, at the key's line. */
    public void rejectUnknown(String... known) {
        rejectUnknown(Arrays.asList(known));
    }

    public void rejectUnknown(Collection<String> known) {
        Set<String> allowed = new LinkedHashSet<>(known);
        for (Entry e : node.entries().values()) {
            if (!allowed.contains(e.key())) {
                String hint = Suggestions.closest(e.key(), allowed)
                        .map(s -> "did you mean '" + s + "'? ")
                        .orElse("");
                problems.add(e.keyLocation(), Paths.key(path, e.key()), e.key(),
                        "unknown field '" + e.key() + "' (" + hint + "expected one of " + String.join(", ", allowed) + ")");
            }
        }
    }

    /** The value of {@code key}; empty when absent or written as null. */
    public Optional<ConfigValue> optional(String key) {
        Entry e = node.entries().get(key);
        if (e == null) {
            return Optional.empty();
        }
        ConfigValue v = value(e);
        return v.isNull() ? Optional.empty() : Optional.of(v);
    }

    /** The value of {@code key}, or a problem "missing required field" at the mapping's line. */
    public Optional<ConfigValue> required(String key) {
        Optional<ConfigValue> v = optional(key);
        if (v.isEmpty()) {
            boolean present = node.entries().containsKey(key);
            problems.add(present ? keyLocation(key) : location(), Paths.key(path, key), null,
                    present ? "'" + key + "' needs a value" : "missing required field '" + key + "'");
        }
        return v;
    }

    /** Shorthand: the optional field converted with {@code type}, e.g. {@code get("bake", ConfigValue::asDuration)}. */
    public <T> Optional<T> get(String key, Function<ConfigValue, Optional<T>> type) {
        return optional(key).flatMap(type);
    }

    /** Shorthand: the required field converted with {@code type}. */
    public <T> Optional<T> require(String key, Function<ConfigValue, Optional<T>> type) {
        return required(key).flatMap(type);
    }

    /** A list of names; empty when absent. */
    public List<String> stringList(String key) {
        return get(key, ConfigValue::asStringList).orElse(List.of());
    }

    /** A mapping of names to names (such as labels); empty when absent. */
    public Map<String, String> stringMap(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        get(key, ConfigValue::asMap).ifPresent(m -> m.entries()
                .forEach(e -> e.getValue().asString().ifPresent(v -> out.put(e.getKey(), v))));
        return out;
    }

    /** The raw nodes of {@code keys} present here, for sections another loader reads later. */
    public Map<String, ConfigNode> raw(Collection<String> keys) {
        Map<String, ConfigNode> out = new LinkedHashMap<>();
        for (String key : keys) {
            Entry e = node.entries().get(key);
            if (e != null) {
                out.put(key, e.value());
            }
        }
        return out;
    }

    private ConfigValue value(Entry e) {
        return new ConfigValue(e.value(), Paths.key(path, e.key()), problems);
    }
}

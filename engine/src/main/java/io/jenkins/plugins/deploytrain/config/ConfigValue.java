package io.jenkins.plugins.deploytrain.config;

import io.jenkins.plugins.deploytrain.config.ConfigNode.ListNode;
import io.jenkins.plugins.deploytrain.config.ConfigNode.MapNode;
import io.jenkins.plugins.deploytrain.config.ConfigNode.ScalarNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A node seen at a path. Every typed accessor returns empty and records a problem (with the
 * node's location, the path and the value) when the node is not what the caller expects; a loader
 * therefore reads on and reports every mistake of a file at once.
 */
public final class ConfigValue {

    private final ConfigNode node;
    private final String path;
    private final Problems problems;

    public ConfigValue(ConfigNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** The root of a document, read with {@code problems} collecting mistakes. */
    public static ConfigValue root(ConfigNode node, Problems problems) {
        return new ConfigValue(node, "", problems);
    }

    public ConfigNode node() {
        return node;
    }

    public String path() {
        return path;
    }

    public Location location() {
        return node.location();
    }

    public Problems problems() {
        return problems;
    }

    public boolean isNull() {
        return node instanceof ScalarNode s && s.isNull();
    }

    /** The scalar text as written, or null for a mapping, a list or YAML null. */
    public String text() {
        return node instanceof ScalarNode s ? s.text() : null;
    }

    /** Records a problem about this value. */
    public void problem(String message) {
        problems.add(location(), path, text(), message);
    }

    public Optional<ConfigMap> asMap() {
        if (node instanceof MapNode map) {
            return Optional.of(new ConfigMap(map, path, problems));
        }
        problem("expected a mapping (key: value lines), found " + describe());
        return Optional.empty();
    }

    /** The items of a list; a single scalar is not silently taken as a one-item list. */
    public Optional<List<ConfigValue>> asList() {
        if (node instanceof ListNode list) {
            List<ConfigValue> items = new ArrayList<>(list.items().size());
            for (int i = 0; i < list.items().size(); i++) {
                items.add(new ConfigValue(list.items().get(i), Paths.index(path, i), problems));
            }
            return Optional.of(items);
        }
        problem("expected a list, found " + describe());
        return Optional.empty();
    }

    public Optional<String> asString() {
        if (node instanceof ScalarNode s && !s.isNull()) {
            return Optional.of(s.text());
        }
        problem("expected a value, found " + describe());
        return Optional.empty();
    }

    /** A non-blank string, trimmed. */
    public Optional<String> asName() {
        return asString().flatMap(s -> {
            if (s.isBlank()) {
                problem("must not be blank");
                return Optional.empty();
            }
            return Optional.of(s.strip());
        });
    }

    /**
     * Parses the scalar with {@code parser}; an {@link IllegalArgumentException} or
     * {@link DateTimeException} it throws becomes a problem "{@code what} 'value': its message".
     * The extension point for field types this package does not know (hours, selectors, ...).
     */
    public <T> Optional<T> as(String what, Function<String, T> parser) {
        return asString().flatMap(text -> {
            try {
                return Optional.of(parser.apply(text.strip()));
            } catch (IllegalArgumentException | DateTimeException e) {
                problem("invalid " + what + " '" + text + "': " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** An enum constant by its lower-case, dash-separated name ({@code PRIMARY} is {@code primary}). */
    public <E extends Enum<E>> Optional<E> asEnum(Class<E> type, String what) {
        return asString().flatMap(text -> {
            for (E constant : type.getEnumConstants()) {
                if (yamlName(constant).equalsIgnoreCase(text.strip())) {
                    return Optional.of(constant);
                }
            }
            String expected = Arrays.stream(type.getEnumConstants()).map(ConfigValue::yamlName).collect(Collectors.joining(", "));
            problem("unknown " + what + " '" + text + "' (expected one of " + expected + ")");
            return Optional.empty();
        });
    }

    public static String yamlName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public Optional<Integer> asInt() {
        return as("number", Integer::parseInt);
    }

    public Optional<Boolean> asBoolean() {
        return asString().flatMap(text -> switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> {
                problem("expected true or false, found '" + text + "'");
                yield Optional.empty();
            }
        });
    }

    /** {@code 12h}, {@code 30m}, {@code 1h30m}, {@code 2d}, {@code 45s}, or ISO-8601 {@code PT1H30M}. */
    public Optional<Duration> asDuration() {
        return asString().flatMap(text -> {
            Optional<Duration> parsed = Durations.parse(text.strip());
            if (parsed.isEmpty()) {
                problem("invalid duration '" + text + "' (write it like 12h, 30m, 1h30m, 2d or PT1H30M)");
            }
            return parsed;
        });
    }

    public Optional<ZoneId> asZoneId() {
        return asString().flatMap(text -> {
            try {
                return Optional.of(ZoneId.of(text.strip()));
            } catch (DateTimeException e) {
                problem("unknown time zone '" + text + "' (use a region id such as Europe/Paris or America/New_York)");
                return Optional.empty();
            }
        });
    }

    public Optional<LocalDate> asLocalDate() {
        return asString().flatMap(text -> {
            try {
                return Optional.of(LocalDate.parse(text.strip()));
            } catch (DateTimeException e) {
                problem("invalid date '" + text + "' (expected YYYY-MM-DD)");
                return Optional.empty();
            }
        });
    }

    /** A local date-time such as {@code 2026-12-20T18:00} (a space instead of T is accepted). */
    public Optional<LocalDateTime> asLocalDateTime() {
        return asString().flatMap(text -> {
            try {
                return Optional.of(LocalDateTime.parse(text.strip().replace(' ', 'T')));
            } catch (DateTimeException e) {
                problem("invalid date-time '" + text + "' (expected YYYY-MM-DDTHH:MM)");
                return Optional.empty();
            }
        });
    }

    /** A list of strings; a problem for each item that is not a value. */
    public Optional<List<String>> asStringList() {
        return asList().map(items -> items.stream().map(ConfigValue::asName).flatMap(Optional::stream).toList());
    }

    private String describe() {
        return node instanceof ScalarNode s && !s.isNull() ? "'" + s.text() + "'" : node.kind();
    }
}

package io.jenkins.plugins.deploytrain.fleet;

import io.jenkins.plugins.deploytrain.config.ConfigMap;
import io.jenkins.plugins.deploytrain.config.ConfigNode;
import io.jenkins.plugins.deploytrain.config.ConfigValue;
import io.jenkins.plugins.deploytrain.config.Location;
import io.jenkins.plugins.deploytrain.config.Problems;
import io.jenkins.plugins.deploytrain.config.YamlTree;
import io.jenkins.plugins.deploytrain.window.DailyHours;
import io.jenkins.plugins.deploytrain.window.Freeze;
import io.jenkins.plugins.deploytrain.window.Window;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a fleet from {@code fleet.yaml} or from plain maps and lists, and validates it as a whole:
 * every problem is reported at once, each with its line, field and value, in one
 * {@link io.jenkins.plugins.deploytrain.config.ConfigException}.
 */
public final class FleetLoader {

    /** Names become parts of target ids ({@code env/zone}), file names and URLs: keep them plain. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private static final List<String> TOP_LEVEL = List.of("timezone", "windows", "holidays", "freezes", "environments");
    private static final List<String> WINDOW_FIELDS = List.of("timezone", "days", "hours");
    private static final List<String> FREEZE_FIELDS = List.of("from", "to", "timezone", "reason");
    private static final List<String> ENVIRONMENT_FIELDS =
            List.of("name", "provider", "region", "zones", "tier", "allowed", "blackouts", "labels");

    private final Problems problems = new Problems();

    private FleetLoader() {}

    public static Fleet load(Path file) {
        return read(YamlTree.read(file));
    }

    /** Reads YAML text; {@code sourceName} names it in problems. */
    public static Fleet parse(String yaml, String sourceName) {
        return read(YamlTree.parse(yaml, sourceName));
    }

    /** Builds a fleet from plain maps and lists (a Pipeline step's arguments), with the same validation. */
    public static Fleet fromTree(Object mapsAndLists, String sourceName) {
        return read(YamlTree.fromObject(mapsAndLists, sourceName));
    }

    public static Fleet read(ConfigNode root) {
        return new FleetLoader().fleet(root);
    }

    /**
     * Reads named windows on their own, in the shape of a fleet's {@code windows:} section ({@code name: {timezone,
     * days, hours}}), with the same checks and every problem at once; empty text has none.
     */
    public static Map<String, Window> parseWindows(String yaml, String sourceName) {
        if (yaml == null || yaml.isBlank()) {
            return Map.of();
        }
        FleetLoader loader = new FleetLoader();
        ConfigMap all = ConfigValue.root(YamlTree.parse(yaml, sourceName), loader.problems).asMap().orElse(null);
        Map<String, Window> windows = all == null ? Map.of() : loader.windowsOf(all);
        loader.problems.throwIfAny();
        return windows;
    }

    private Fleet fleet(ConfigNode root) {
        ConfigMap top = ConfigValue.root(root, problems).asMap().orElse(null);
        if (top == null) {
            problems.throwIfAny();
        }
        top.rejectUnknown(TOP_LEVEL);
        ZoneId timezone = top.get("timezone", ConfigValue::asZoneId).orElse(ZoneOffset.UTC);
        Map<String, Window> windows = windows(top);
        List<LocalDate> holidays = top.get("holidays", ConfigValue::asList).orElse(List.of()).stream()
                .map(ConfigValue::asLocalDate)
                .flatMap(Optional::stream)
                .toList();
        List<Freeze> freezes = top.get("freezes", ConfigValue::asList).orElse(List.of()).stream()
                .map(this::freeze)
                .flatMap(Optional::stream)
                .toList();
        Set<String> declaredWindows = top.get("windows", ConfigValue::asMap).map(ConfigMap::keys).orElse(Set.of());
        List<Environment> environments = environments(top, windows, declaredWindows);
        problems.throwIfAny();
        return new Fleet(windows, holidays, freezes, timezone, environments);
    }

    private Map<String, Window> windows(ConfigMap top) {
        return top.get("windows", ConfigValue::asMap).map(this::windowsOf).orElseGet(LinkedHashMap::new);
    }

    private Map<String, Window> windowsOf(ConfigMap all) {
        Map<String, Window> windows = new LinkedHashMap<>();
        all.entries().forEach(entry -> {
            String name = entry.getKey();
            if (!NAME.matcher(name).matches()) {
                problems.add(all.keyLocation(name), entry.getValue().path(), name,
                        "invalid window name '" + name + "' (letters, digits, '.', '_' and '-' only)");
            }
            entry.getValue().asMap().flatMap(w -> window(name, w)).ifPresent(w -> windows.put(name, w));
        });
        return windows;
    }

    private Optional<Window> window(String name, ConfigMap w) {
        w.rejectUnknown(WINDOW_FIELDS);
        Optional<ZoneId> zone = w.require("timezone", ConfigValue::asZoneId);
        Optional<DailyHours> hours = w.require("hours", v -> v.as("hours", DailyHours::parse));
        Optional<Set<DayOfWeek>> days = w.optional("days").isPresent()
                ? w.get("days", this::days)
                : Optional.of(EnumSet.allOf(DayOfWeek.class));
        if (zone.isEmpty() || hours.isEmpty() || days.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Window(name, zone.get(), days.get(), hours.get()));
    }

    private Optional<Set<DayOfWeek>> days(ConfigValue value) {
        List<ConfigValue> items = value.asList().orElse(null);
        if (items == null) {
            return Optional.empty();
        }
        if (items.isEmpty()) {
            value.problem("a window needs at least one day (omit 'days' for every day)");
            return Optional.empty();
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        boolean ok = true;
        for (ConfigValue item : items) {
            Optional<DayOfWeek> day = item.asString().flatMap(text -> dayOfWeek(text, item));
            day.ifPresent(days::add);
            ok &= day.isPresent();
        }
        return ok ? Optional.of(days) : Optional.empty();
    }

    private static Optional<DayOfWeek> dayOfWeek(String text, ConfigValue item) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(t) || d.name().substring(0, 3).equals(t)) {
                return Optional.of(d);
            }
        }
        item.problem("unknown day '" + text + "' (expected MON, TUE, WED, THU, FRI, SAT or SUN)");
        return Optional.empty();
    }

    private Optional<Freeze> freeze(ConfigValue value) {
        return value.asMap().flatMap(f -> {
            f.rejectUnknown(FREEZE_FIELDS);
            Optional<LocalDateTime> from = f.require("from", ConfigValue::asLocalDateTime);
            Optional<LocalDateTime> to = f.require("to", ConfigValue::asLocalDateTime);
            Optional<ZoneId> zone = f.require("timezone", ConfigValue::asZoneId);
            String reason = f.get("reason", ConfigValue::asString).orElse("freeze");
            if (from.isEmpty() || to.isEmpty() || zone.isEmpty()) {
                return Optional.empty();
            }
            if (!to.get().isAfter(from.get())) {
                f.required("to").ifPresent(v -> v.problem("a freeze must end after it starts (from " + from.get() + ")"));
                return Optional.empty();
            }
            return Optional.of(new Freeze(from.get(), to.get(), zone.get(), reason));
        });
    }

    private List<Environment> environments(ConfigMap top, Map<String, Window> windows, Set<String> declaredWindows) {
        List<ConfigValue> items = top.require("environments", ConfigValue::asList).orElse(List.of());
        if (items.isEmpty() && top.optional("environments").isPresent()) {
            top.optional("environments").get().problem("a fleet needs at least one environment");
        }
        Map<String, Location> seen = new HashMap<>();
        List<Environment> environments = new ArrayList<>();
        Location primary = null;
        for (ConfigValue item : items) {
            Optional<ConfigMap> map = item.asMap();
            if (map.isEmpty()) {
                continue;
            }
            ConfigMap env = map.get();
            Optional<Environment> read = environment(env, windows, declaredWindows);
            env.required("name").ifPresent(nameValue -> {
                String name = nameValue.text() == null ? "" : nameValue.text().strip();
                Location first = seen.putIfAbsent(name, nameValue.location());
                if (first != null) {
                    nameValue.problem("duplicate environment name '" + name + "' (first at line " + first.line() + ")");
                }
            });
            if (read.isPresent() && read.get().tier() == Tier.PRIMARY) {
                Optional<ConfigValue> tier = env.optional("tier");
                if (primary == null) {
                    primary = tier.map(ConfigValue::location).orElse(env.location());
                } else if (tier.isPresent()) {
                    tier.get().problem("a second primary environment (the first is at line " + primary.line()
                            + "); the bake follows the one primary");
                }
            }
            read.ifPresent(environments::add);
        }
        return environments;
    }

    private Optional<Environment> environment(ConfigMap env, Map<String, Window> windows, Set<String> declaredWindows) {
        env.rejectUnknown(ENVIRONMENT_FIELDS);
        Optional<String> name = env.require("name", ConfigValue::asName).flatMap(n -> plainName(env, "name", n));
        Optional<String> provider = env.require("provider", ConfigValue::asName);
        Optional<String> region = env.require("region", ConfigValue::asName);
        Optional<Tier> tier = env.require("tier", v -> v.asEnum(Tier.class, "tier"));
        Optional<List<String>> zones = env.require("zones", this::zones);
        List<String> allowed = windowNames(env, "allowed", windows, declaredWindows);
        List<String> blackouts = windowNames(env, "blackouts", windows, declaredWindows);
        Map<String, String> labels = env.stringMap("labels");
        if (name.isEmpty() || provider.isEmpty() || region.isEmpty() || tier.isEmpty() || zones.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Environment(name.get(), provider.get(), region.get(), zones.get(), tier.get(),
                allowed, blackouts, labels));
    }

    private Optional<List<String>> zones(ConfigValue value) {
        List<ConfigValue> items = value.asList().orElse(null);
        if (items == null) {
            return Optional.empty();
        }
        if (items.isEmpty()) {
            value.problem("an environment needs at least one zone");
            return Optional.empty();
        }
        List<String> zones = new ArrayList<>();
        boolean ok = true;
        for (ConfigValue item : items) {
            Optional<String> zone = item.asName();
            if (zone.isPresent() && !NAME.matcher(zone.get()).matches()) {
                item.problem("invalid zone name '" + zone.get() + "' (letters, digits, '.', '_' and '-' only)");
                zone = Optional.empty();
            } else if (zone.isPresent() && zones.contains(zone.get())) {
                item.problem("zone '" + zone.get() + "' is listed twice");
                zone = Optional.empty();
            }
            zone.ifPresent(zones::add);
            ok &= zone.isPresent();
        }
        return ok ? Optional.of(zones) : Optional.empty();
    }

    private static Optional<String> plainName(ConfigMap env, String field, String name) {
        if (NAME.matcher(name).matches()) {
            return Optional.of(name);
        }
        env.required(field).ifPresent(v -> v.problem(
                "invalid " + field + " '" + name + "' (letters, digits, '.', '_' and '-' only; it becomes part of ids and file names)"));
        return Optional.empty();
    }

    /** Window names that exist; a declared window with its own problems is not reported again here. */
    private static List<String> windowNames(ConfigMap env, String field, Map<String, Window> windows, Set<String> declared) {
        List<String> names = new ArrayList<>();
        env.get(field, ConfigValue::asList).orElse(List.of()).forEach(item -> item.asName().ifPresent(name -> {
            if (windows.containsKey(name)) {
                names.add(name);
            } else if (!declared.contains(name)) {
                item.problem("unknown window '" + name + "'" + (declared.isEmpty()
                        ? " (the fleet defines no windows)"
                        : " (defined: " + String.join(", ", declared) + ")"));
            }
        }));
        return names;
    }
}

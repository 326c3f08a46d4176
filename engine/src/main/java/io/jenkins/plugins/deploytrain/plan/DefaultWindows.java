package io.jenkins.plugins.deploytrain.plan;

import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.config.ConfigProblem;
import io.jenkins.plugins.deploytrain.config.Location;
import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.FleetLoader;
import io.jenkins.plugins.deploytrain.window.Window;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deploy windows an installation sets for every train that names none of its own (a Jenkins controller's global
 * {@code defaultWindows}), written like a fleet's {@code windows:} section:
 *
 * <pre>
 * business-hours:
 *   timezone: Europe/Paris
 *   days: [MON, TUE, WED, THU, FRI]
 *   hours: "09:00-17:00"
 * </pre>
 *
 * <p>The rule: a train without {@code allowed:} is allowed in any of the default windows, exactly as if it listed
 * them in {@code allowed:}; the defaults join the fleet's windows under their names, so the environments' own
 * windows, blackouts, holidays and freezes still narrow them. A train with {@code allowed:} keeps its own. A default
 * window named like a fleet window must be the same window: otherwise the train could not say which one it means,
 * and it is refused with both named.
 *
 * @param windows by name, in the order written
 */
public record DefaultWindows(Map<String, Window> windows) {

    public static final DefaultWindows NONE = new DefaultWindows(Map.of());

    public DefaultWindows {
        windows = Collections.unmodifiableMap(new LinkedHashMap<>(windows));
    }

    /**
     * @param sourceName names the text in problems, such as {@code Default windows}
     * @throws ConfigException with every problem, each with its line, field and value
     */
    public static DefaultWindows parse(String yaml, String sourceName) {
        return new DefaultWindows(FleetLoader.parseWindows(yaml, sourceName));
    }

    public boolean isEmpty() {
        return windows.isEmpty();
    }

    /** A train and the fleet it is planned on, as the planner and the train's calendar read them. */
    public record Applied(Fleet fleet, TrainSpec spec) {}

    /**
     * The train on the fleet with these defaults applied: unchanged when the train names windows of its own or there
     * are no defaults.
     *
     * @throws ConfigException when a default window and a fleet window share a name but differ
     */
    public Applied applyTo(Fleet fleet, TrainSpec spec) {
        if (windows.isEmpty() || !spec.allowed().isEmpty()) {
            return new Applied(fleet, spec);
        }
        List<ConfigProblem> clashes = new ArrayList<>();
        Map<String, Window> merged = new LinkedHashMap<>(fleet.windows());
        windows.forEach((name, window) -> {
            Window fleets = merged.putIfAbsent(name, window);
            if (fleets != null && !fleets.equals(window)) {
                clashes.add(ConfigProblem.at(Location.unknown("defaultWindows"), name, name,
                        "the default window '" + name + "' differs from the fleet's window of the same name ("
                                + describe(fleets) + " in the fleet, " + describe(window) + " by default);"
                                + " rename one of them, or give the train allowed: [" + name + "]"));
            }
        });
        if (!clashes.isEmpty()) {
            throw new ConfigException(clashes);
        }
        Fleet withDefaults = new Fleet(merged, fleet.holidays(), fleet.freezes(), fleet.timezone(), fleet.environments());
        TrainSpec limited = new TrainSpec(spec.service(), spec.version(), spec.versionFrom(), spec.fleet(),
                List.copyOf(windows.keySet()), spec.bake(), spec.soakAfterZone(), spec.soakAfterEnvironment(),
                spec.zoneDeployEstimate(), spec.order(), spec.sort(), spec.select(), spec.sections());
        return new Applied(withDefaults, limited);
    }

    private static String describe(Window w) {
        return w.days().size() + " days, " + w.hours() + " " + w.zone();
    }
}

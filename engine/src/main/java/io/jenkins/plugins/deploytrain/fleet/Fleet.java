package io.jenkins.plugins.deploytrain.fleet;

import io.jenkins.plugins.deploytrain.window.Freeze;
import io.jenkins.plugins.deploytrain.window.Window;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every environment of a product, with the named windows they refer to, the holidays and the
 * freezes. {@code timezone} is where a holiday falls for an environment without allowed windows.
 */
public record Fleet(
        Map<String, Window> windows,
        List<LocalDate> holidays,
        List<Freeze> freezes,
        ZoneId timezone,
        List<Environment> environments) {

    public Fleet {
        windows = Collections.unmodifiableMap(new LinkedHashMap<>(windows));
        holidays = List.copyOf(holidays);
        freezes = List.copyOf(freezes);
        environments = List.copyOf(environments);
    }

    public Optional<Environment> environment(String name) {
        return environments.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Optional<Window> window(String name) {
        return Optional.ofNullable(windows.get(name));
    }

    public int zoneCount() {
        return environments.stream().mapToInt(e -> e.zones().size()).sum();
    }
}

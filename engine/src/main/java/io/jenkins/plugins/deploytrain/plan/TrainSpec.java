package io.jenkins.plugins.deploytrain.plan;

import io.jenkins.plugins.deploytrain.config.ConfigNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a train deploys and how carefully. Exactly one of {@code version} and {@code versionFrom}
 * is present. {@code fleet} is a path relative to the train file (may be empty when the caller
 * names the fleet). {@code sections} keeps the raw {@code gates}, {@code slack} and
 * {@code approvers} sections, with their lines, for the loaders of those features.
 */
public record TrainSpec(
        String service,
        Optional<String> version,
        Optional<VersionSelector> versionFrom,
        String fleet,
        List<String> allowed,
        Duration bake,
        Duration soakAfterZone,
        Duration soakAfterEnvironment,
        Duration zoneDeployEstimate,
        List<Glob> order,
        EnvironmentSort sort,
        Selection select,
        Map<String, ConfigNode> sections) {

    /** Sections of train.yaml that other features read; kept raw here. */
    public static final List<String> EXTENSION_SECTIONS = List.of("gates", "slack", "approvers", "exclusive");

    public TrainSpec {
        allowed = List.copyOf(allowed);
        order = List.copyOf(order);
        sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    }

    /** The fleet file named by this train, resolved against the train file's directory. */
    public Optional<Path> fleetPath(Path trainFile) {
        if (fleet.isEmpty()) {
            return Optional.empty();
        }
        Path dir = trainFile.toAbsolutePath().getParent();
        return Optional.of(dir == null ? Path.of(fleet) : dir.resolve(fleet).normalize());
    }

    public Optional<ConfigNode> section(String name) {
        return Optional.ofNullable(sections.get(name));
    }
}

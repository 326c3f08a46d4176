package io.jenkins.plugins.deploytrain.jenkins.steps;

import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.FleetLoader;
import io.jenkins.plugins.deploytrain.gate.GatesConfig;
import io.jenkins.plugins.deploytrain.gate.GatesConfigReader;
import io.jenkins.plugins.deploytrain.jenkins.config.DefaultWindowsSetting;
import io.jenkins.plugins.deploytrain.notify.SlackSettings;
import io.jenkins.plugins.deploytrain.plan.DefaultWindows;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import io.jenkins.plugins.deploytrain.plan.TrainSpecLoader;
import io.jenkins.plugins.deploytrain.reconcile.PlannedTrain;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The texts a train was started from (the fleet and the train file, or the step's inline arguments), kept
 * with the step's state so that a resumed build plans exactly what it started with, without its workspace.
 * A plain class rather than a record: the CPS program is serialized with JBoss Marshalling, which does not
 * rebuild records through their canonical constructor.
 */
final class TrainDefinition implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String fleetName;
    private final String fleetText;
    private final String trainName;
    /** The train file's text, or null when the train comes from the inline arguments. */
    private final String trainText;

    private final String service;
    private final String version;

    /**
     * The global default windows as they were when the train started (null for none, and in a build started before
     * they existed): a resumed build keeps the windows it started with, whatever the settings say meanwhile.
     */
    private final String defaultWindows;

    private TrainDefinition(
            String fleetName,
            String fleetText,
            String trainName,
            String trainText,
            String service,
            String version,
            String defaultWindows) {
        this.fleetName = fleetName;
        this.fleetText = fleetText;
        this.trainName = trainName;
        this.trainText = trainText;
        this.service = service;
        this.version = version;
        this.defaultWindows = defaultWindows;
    }

    static TrainDefinition fromFile(String fleetName, String fleetText, String trainName, String trainText) {
        return new TrainDefinition(
                fleetName, fleetText, trainName, trainText, null, null, DefaultWindowsSetting.current());
    }

    static TrainDefinition inline(String fleetName, String fleetText, String service, String version) {
        return new TrainDefinition(
                fleetName, fleetText, null, null, service, version, DefaultWindowsSetting.current());
    }

    /** The fleet path a train file names (relative to it), empty when it names none. */
    static String namedFleet(String trainName, String trainText) {
        return TrainSpecLoader.parse(trainText, trainName, Optional.empty()).fleet();
    }

    /** The fleet, with the global default windows among its windows when the train uses them. */
    Fleet fleet() {
        return onFleet().fleet();
    }

    /**
     * The train, limited to the global default windows when it names none of its own. Throws the engine's
     * ConfigException (every problem, with file and line) when a text is invalid.
     */
    TrainSpec spec() {
        return onFleet().spec();
    }

    private DefaultWindows.Applied onFleet() {
        Fleet fleet = FleetLoader.parse(fleetText, fleetName);
        return DefaultWindowsSetting.parse(defaultWindows).applyTo(fleet, ownSpec(fleet));
    }

    private TrainSpec ownSpec(Fleet fleet) {
        if (trainText != null) {
            return TrainSpecLoader.parse(trainText, trainName, Optional.of(fleet));
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("service", service);
        tree.put("version", version);
        return TrainSpecLoader.fromTree(tree, "deployTrain arguments", Optional.of(fleet));
    }

    /** The train file's {@code gates}; none for the inline arguments. Throws ConfigException with every problem. */
    GatesConfig gates() {
        return spec().section("gates").map(GatesConfigReader::read).orElse(GatesConfig.NONE);
    }

    /** The train file's {@code slack} and {@code approvers}; throws ConfigException with every problem. */
    SlackSettings slack() {
        TrainSpec spec = spec();
        return SlackSettings.read(spec.section("slack"), spec.section("approvers"));
    }

    /** The name the train's problems are reported under: the train file, or the step's arguments. */
    String name() {
        return trainText != null ? trainName : "deployTrain arguments";
    }

    PlannedTrain plan() {
        DefaultWindows.Applied train = onFleet();
        return PlannedTrain.of(train.fleet(), train.spec());
    }
}

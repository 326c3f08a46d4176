package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.config.ConfigProblem;
import io.jenkins.plugins.deploytrain.fleet.Environment;
import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.FleetLoader;
import io.jenkins.plugins.deploytrain.plan.PlanException;
import io.jenkins.plugins.deploytrain.plan.Planner;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import io.jenkins.plugins.deploytrain.plan.TrainSpecLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code deploy-train validate FLEET [TRAIN]}: a one-line summary, or every problem of both files. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks a fleet file, and a train file against it.",
            "Prints a one-line summary and exits 0, or prints every problem (file:line:column: field: message) and exits 1."})
final class ValidateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FLEET", description = "the fleet file, e.g. examples/fleet.yaml")
    Path fleetFile;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TRAIN", description = "a train file to check against the fleet")
    Path trainFile;

    @Override
    public Integer call() {
        List<ConfigProblem> problems = new ArrayList<>();
        Fleet fleet = null;
        try {
            fleet = FleetLoader.load(fleetFile);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        TrainSpec train = null;
        if (trainFile != null) {
            try {
                train = fleet == null ? TrainSpecLoader.load(trainFile) : TrainSpecLoader.load(trainFile, fleet);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            Problems.print(spec.commandLine().getErr(), problems);
            return ExitCodes.INVALID;
        }
        String summary = fleetSummary(fleet);
        if (train != null) {
            try {
                summary += "; " + trainSummary(train, fleet);
            } catch (PlanException e) {
                spec.commandLine().getErr().println(trainFile + ": " + e.getMessage());
                return ExitCodes.INVALID;
            }
        }
        spec.commandLine().getOut().println("OK " + summary);
        return ExitCodes.OK;
    }

    private String trainSummary(TrainSpec train, Fleet fleet) {
        String version = train.version().orElseGet(() -> "(version " + train.versionFrom().orElseThrow().describe() + ")");
        return trainFile.getFileName() + ": " + train.service() + " " + version + ", " + Planner.steps(fleet, train).size() + " steps";
    }

    private String fleetSummary(Fleet fleet) {
        Map<String, Long> providers = fleet.environments().stream()
                .collect(Collectors.groupingBy(Environment::provider, TreeMap::new, Collectors.counting()));
        return fleetFile.getFileName() + ": " + fleet.environments().size() + " environments, " + fleet.zoneCount() + " zones ("
                + providers.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))
                + "), " + fleet.windows().size() + " windows";
    }
}

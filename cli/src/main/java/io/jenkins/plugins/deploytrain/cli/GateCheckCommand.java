package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.config.ConfigProblem;
import io.jenkins.plugins.deploytrain.config.Durations;
import io.jenkins.plugins.deploytrain.fleet.Environment;
import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.FleetLoader;
import io.jenkins.plugins.deploytrain.gate.FiringSignal;
import io.jenkins.plugins.deploytrain.gate.GateContext;
import io.jenkins.plugins.deploytrain.gate.GateEvaluator;
import io.jenkins.plugins.deploytrain.gate.GateResult;
import io.jenkins.plugins.deploytrain.gate.GateSpec;
import io.jenkins.plugins.deploytrain.gate.GatesConfig;
import io.jenkins.plugins.deploytrain.gate.GatesConfigReader;
import io.jenkins.plugins.deploytrain.gate.TargetVariables;
import io.jenkins.plugins.deploytrain.plan.ReleaseNames;
import io.jenkins.plugins.deploytrain.plan.Target;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import io.jenkins.plugins.deploytrain.plan.TrainSpecLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code deploy-train gate-check}: evaluates the gates train.yaml gives a target's tier, once, against
 * the monitoring systems named on the command line. Exit 0 all passed, 1 a gate failed, 2 bad input,
 * 3 none failed but one is still pending (a bake or a clean period), with the time to look again.
 */
@Command(
        name = "gate-check",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluates the gates of a target (its tier's gates from train.yaml) once and prints each result.",
            "Datadog keys are read from the environment variables DD_API_KEY and DD_APP_KEY.",
            "Exit status: 0 all passed, 1 a gate failed, 2 bad input, 3 a gate is still pending."
        })
final class GateCheckCommand implements Callable<Integer> {

    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int PENDING = 3;

    @Option(names = "--train", required = true, paramLabel = "train.yaml", description = "The train, with its gates: section.")
    Path train;

    @Option(names = "--fleet", paramLabel = "fleet.yaml", description = "The fleet (default: the one train.yaml names).")
    Path fleet;

    @Option(names = "--target", required = true, paramLabel = "ENVIRONMENT/ZONE", description = "The target whose gates to check.")
    String target;

    @Mixin
    MonitoringOptions monitoring;

    @Option(names = "--since", paramLabel = "INSTANT",
            description = "When the target's deploy finished (bakes and clean periods count from it); default: now.")
    Instant since;

    @Option(names = "--timeout", defaultValue = "10s", paramLabel = "DURATION", description = "Per-request timeout (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--version-label", defaultValue = "", paramLabel = "VERSION", description = "The value of ${TRAIN_VERSION}.")
    String version;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Duration> requestTimeout = Durations.parse(timeout).filter(d -> !d.isZero());
        if (requestTimeout.isEmpty()) {
            err.println("gate-check: --timeout: invalid duration '" + timeout + "' (write it like 10s or 1m)");
            return BAD_INPUT;
        }
        Optional<String> badVersion = version.isEmpty() ? Optional.empty() : ReleaseNames.versionProblem(version);
        if (badVersion.isPresent()) {
            err.println("gate-check: --version-label: " + badVersion.get());
            return BAD_INPUT;
        }
        Target parsedTarget;
        try {
            parsedTarget = Target.parse(target);
        } catch (IllegalArgumentException e) {
            err.println("gate-check: --target: " + e.getMessage());
            return BAD_INPUT;
        }
        MonitoringOptions.Result endpoints = monitoring.endpoints(requestTimeout.get());
        if (!endpoints.problems().isEmpty()) {
            endpoints.problems().forEach(problem -> err.println("gate-check: " + problem));
            return BAD_INPUT;
        }
        try {
            TrainSpec trainSpec = TrainSpecLoader.load(train);
            Path fleetFile = fleet != null ? fleet : trainSpec.fleetPath(train).orElse(null);
            if (fleetFile == null) {
                err.println("gate-check: " + train + " names no fleet; give --fleet");
                return BAD_INPUT;
            }
            Fleet loadedFleet = FleetLoader.load(fleetFile);
            Optional<Environment> env = loadedFleet.environment(parsedTarget.environment());
            if (env.isEmpty() || !env.get().zones().contains(parsedTarget.zone())) {
                err.println("gate-check: --target: no " + (env.isEmpty() ? "environment '" + parsedTarget.environment() + "'"
                        : "zone '" + parsedTarget.zone() + "' in " + parsedTarget.environment()) + " in " + fleetFile);
                return BAD_INPUT;
            }
            GatesConfig gates = trainSpec.section("gates").map(GatesConfigReader::read).orElse(GatesConfig.NONE);
            List<GateSpec> specs = gates.gatesFor(env.get().tier().yamlName());
            if (specs.isEmpty()) {
                out.println("no gates for tier " + env.get().tier().yamlName() + " in " + train);
                return PASSED;
            }
            GateEvaluator evaluator = endpoints.endpoints().evaluator();
            Instant now = Instant.now();
            GateContext context = new GateContext(TargetVariables.of(env.get(), parsedTarget.zone(), version),
                    since == null ? now : since, now);
            int exit = PASSED;
            for (GateSpec gate : specs) {
                GateResult result = evaluator.evaluate(gate, context);
                out.println(result.status() + " " + result.gate() + ": " + result.reason()
                        + (result.recheckAt() == null ? "" : " (look again at " + result.recheckAt() + ")"));
                for (FiringSignal signal : result.signals()) {
                    out.println("    " + signal.describe());
                }
                if (result.status() == GateResult.Status.FAILED) {
                    exit = FAILED;
                } else if (result.status() == GateResult.Status.PENDING && exit == PASSED) {
                    exit = PENDING;
                }
            }
            return exit;
        } catch (ConfigException e) {
            for (ConfigProblem problem : e.problems()) {
                err.println("gate-check: " + problem);
            }
            return BAD_INPUT;
        }
    }
}

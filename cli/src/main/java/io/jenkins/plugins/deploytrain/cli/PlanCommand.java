package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.FleetLoader;
import io.jenkins.plugins.deploytrain.plan.PlanException;
import io.jenkins.plugins.deploytrain.plan.Planner;
import io.jenkins.plugins.deploytrain.plan.TrainCalendar;
import io.jenkins.plugins.deploytrain.plan.TrainSchedule;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import io.jenkins.plugins.deploytrain.plan.TrainSpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deploy-train plan}: the dry run of a train, with every step's start and end and the ETA. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Dry run: in which order, and when, every environment and zone would be deployed.",
            "Exits 0 with the plan, or 1 with every problem of the files (or the environment that never opens)."})
final class PlanCommand implements Callable<Integer> {

    enum Format { TABLE, JSON, HTML }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--fleet", paramLabel = "FLEET", description = "the fleet file (default: the train's 'fleet', relative to the train file)")
    Path fleetFile;

    @Option(names = "--train", required = true, paramLabel = "TRAIN", description = "the train file")
    Path trainFile;

    @Option(names = "--start", paramLabel = "ISO-8601", converter = InstantConverter.class,
            description = "when the train starts, e.g. 2026-11-30T09:00+01:00 or 2026-11-30T08:00:00Z (default: now)")
    Instant start;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json|html",
            description = "table (default), json, or html (a timeline a person can open)")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "write the plan to FILE instead of the standard output")
    Path out;

    @Option(names = "--timezone", paramLabel = "ZONE", converter = ZoneConverter.class,
            description = "the time zone times are shown in (default: this machine's)")
    ZoneId zone = ZoneId.systemDefault();

    @Override
    public Integer call() {
        Fleet fleet;
        TrainSpec train;
        try {
            TrainSpec unchecked = TrainSpecLoader.load(trainFile);
            Path fleetPath = fleetFile != null ? fleetFile : unchecked.fleetPath(trainFile).orElse(null);
            if (fleetPath == null) {
                spec.commandLine().getErr().println(trainFile + ": the train names no 'fleet'; give one with --fleet");
                return ExitCodes.USAGE;
            }
            fleet = FleetLoader.load(fleetPath);
            train = TrainSpecLoader.load(trainFile, fleet);
        } catch (ConfigException e) {
            Problems.print(spec.commandLine().getErr(), e.problems());
            return ExitCodes.INVALID;
        }
        Instant from = start != null ? start : Instant.now().truncatedTo(ChronoUnit.MINUTES);
        TrainSchedule schedule;
        try {
            schedule = Planner.schedule(fleet, train, from);
        } catch (PlanException e) {
            spec.commandLine().getErr().println("cannot plan the train: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        String rendered = switch (format) {
            case TABLE -> PlanTable.render(train, schedule, zone);
            case JSON -> PlanJson.render(train, schedule, zone);
            case HTML -> PlanTimeline.render(train, schedule, new TrainCalendar(fleet, train), zone);
        };
        if (out == null) {
            spec.commandLine().getOut().print(rendered);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        try {
            Files.writeString(out, rendered, StandardCharsets.UTF_8);
        } catch (IOException e) {
            spec.commandLine().getErr().println(out + ": cannot write the plan: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        spec.commandLine().getOut().println("plan of " + schedule.steps().size() + " steps written to " + out
                + " (ETA " + PlanTable.time(schedule.eta(), zone) + ")");
        return ExitCodes.OK;
    }
}

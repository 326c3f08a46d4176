package io.jenkins.plugins.deploytrain.bench;

import io.jenkins.plugins.deploytrain.fleet.Fleet;
import io.jenkins.plugins.deploytrain.fleet.FleetLoader;
import io.jenkins.plugins.deploytrain.plan.Planner;
import io.jenkins.plugins.deploytrain.plan.TrainSchedule;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import io.jenkins.plugins.deploytrain.plan.TrainSpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The dry run ({@code Planner.schedule}) of the example fleet (24 environments x 3 zones) and of a
 * generated 1,000-environment fleet, each against the baseline of only loading that fleet and its
 * train from YAML text, in the same run. Read {@code plan / load} per fleet.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar PlanBenchmark} from the repository root
 * (or pass {@code -Ddeploytrain.examples=DIR}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PlanBenchmark {

    static final Instant MONDAY = Instant.parse("2026-11-30T08:00:00Z");

    @Param({"example", "generated-1000"})
    public String fleetName;

    private String fleetYaml;
    private String trainYaml;
    private Fleet fleet;
    private TrainSpec train;

    @Setup
    public void load() throws IOException {
        Path examples = Path.of(System.getProperty("deploytrain.examples", "examples"));
        trainYaml = Files.readString(examples.resolve("train.yaml"));
        fleetYaml = fleetName.equals("example")
                ? Files.readString(examples.resolve("fleet.yaml"))
                : GeneratedFleet.yaml(1000);
        fleet = FleetLoader.parse(fleetYaml, "fleet.yaml");
        train = TrainSpecLoader.parse(trainYaml, "train.yaml", Optional.of(fleet));
    }

    /** Baseline: read and validate the fleet and the train, as every command must. */
    @Benchmark
    public TrainSpec load_baseline() {
        Fleet f = FleetLoader.parse(fleetYaml, "fleet.yaml");
        return TrainSpecLoader.parse(trainYaml, "train.yaml", Optional.of(f));
    }

    /** The dry run alone: order every zone and find its slot under every window, soak and bake. */
    @Benchmark
    public TrainSchedule plan() {
        return Planner.schedule(fleet, train, MONDAY);
    }

    /** What {@code deploy-train plan} does after the JVM starts. */
    @Benchmark
    public TrainSchedule loadAndPlan() {
        Fleet f = FleetLoader.parse(fleetYaml, "fleet.yaml");
        return Planner.schedule(f, TrainSpecLoader.parse(trainYaml, "train.yaml", Optional.of(f)), MONDAY);
    }
}

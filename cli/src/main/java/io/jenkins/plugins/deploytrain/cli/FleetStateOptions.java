package io.jenkins.plugins.deploytrain.cli;

import io.jenkins.plugins.deploytrain.fleetstate.FileFleetState;
import io.jenkins.plugins.deploytrain.fleetstate.FleetPorts;
import io.jenkins.plugins.deploytrain.fleetstate.LeaseScope;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The fleet state folder shared by runners that deploy to one fleet, for run and status. */
final class FleetStateOptions {
    @Option(names = "--fleet-state", paramLabel = "DIR", description = "A folder shared by every runner that deploys to "
            + "the same fleet, each with its own --state: no two of them deploy a service to an environment at once (the "
            + "later one waits and says who holds it), and what each deployed where is kept there for status --matrix.")
    Path dir;

    boolean given() {
        return dir != null;
    }

    /** The ports of a runner sharing the folder, or {@link FleetPorts#NONE} without one. */
    FleetPorts ports(TrainSpec train) {
        if (dir == null) {
            return FleetPorts.NONE;
        }
        CliWorker workers = new CliWorker();
        return new FleetPorts(new FileFleetState(dir), holder -> workers.alive(holder.worker()),
                LeaseScope.read(train.section("exclusive")));
    }

    FileFleetState store() {
        return new FileFleetState(dir);
    }
}

package io.jenkins.plugins.deploytrain.jenkins.fleet;

import io.jenkins.plugins.deploytrain.fleetstate.FileFleetState;
import io.jenkins.plugins.deploytrain.fleetstate.FleetPorts;
import io.jenkins.plugins.deploytrain.fleetstate.LeaseScope;
import java.nio.file.Path;
import jenkins.model.Jenkins;

/**
 * The fleet state of this controller, shared by every job's trains: {@code JENKINS_HOME/deploy-train/fleet}. Jobs
 * keep their trains in their own folders; what no job may decide alone (who deploys a service to an environment
 * now, which version each job put where) is kept here, outside any job, so it survives a job's deletion and a
 * branch's removal.
 */
public final class ControllerFleetState {
    public static final String FOLDER = "deploy-train/fleet";

    private ControllerFleetState() {}

    /** The folder under JENKINS_HOME. */
    public static Path folder() {
        return Jenkins.get().getRootDir().toPath().resolve(FOLDER);
    }

    /** The store (it holds nothing but its paths: one per call is the same store). */
    public static FileFleetState get() {
        return new FileFleetState(folder());
    }

    /** What a train's stepper shares with every other job of the controller. */
    public static FleetPorts ports(LeaseScope scope) {
        return new FleetPorts(get(), BuildHolders::alive, scope);
    }
}

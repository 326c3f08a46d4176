package io.jenkins.plugins.deploytrain.jenkins.fleet;

import hudson.model.Job;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.deploytrain.fleetstate.LeaseHolder;
import jenkins.model.Jenkins;

/**
 * Whether a fleet lease's holder still runs, as this controller sees it: the holder's job still exists (a deleted
 * job or a removed branch is gone) and that build of it is building (a build resumed after a restart is). A holder
 * that is not a build of this controller (a command-line runner sharing the folder) counts as alive.
 */
public final class BuildHolders {
    private BuildHolders() {}

    public static boolean alive(LeaseHolder holder) {
        int number;
        try {
            number = Integer.parseInt(holder.build());
        } catch (NumberFormatException notABuild) {
            return true;
        }
        // a holder's job may be one the user whose build asks cannot read: liveness is the system's question
        try (ACLContext system = ACL.as2(ACL.SYSTEM2)) {
            Job<?, ?> job = Jenkins.get().getItemByFullName(holder.job(), Job.class);
            if (job == null) {
                return false;
            }
            Run<?, ?> run = job.getBuildByNumber(number);
            return run != null && run.isBuilding();
        }
    }
}

package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.deploytrain.reconcile.BuildWorkerName;
import io.jenkins.plugins.deploytrain.reconcile.WorkerLiveness;
import java.util.OptionalInt;

/**
 * Workers of a job's ledger are the job's builds, named {@code job#number}: one is alive while its build runs,
 * including a build resumed after a restart. The build is found by its number in the job that owns the ledger,
 * not by the name, so a job renamed while its train runs keeps its build's leases.
 */
public final class BuildWorkers {
    private BuildWorkers() {}

    /** Liveness of the workers of {@code job}'s ledger. */
    public static WorkerLiveness of(Job<?, ?> job) {
        return worker -> alive(job, worker);
    }

    static boolean alive(Job<?, ?> job, String worker) {
        OptionalInt number = BuildWorkerName.buildNumber(worker);
        if (number.isEmpty()) {
            // a CLI process or another host wrote this lease: Jenkins cannot see it, so it counts as alive
            return true;
        }
        Run<?, ?> run = job.getBuildByNumber(number.getAsInt());
        return run != null && run.isBuilding();
    }
}

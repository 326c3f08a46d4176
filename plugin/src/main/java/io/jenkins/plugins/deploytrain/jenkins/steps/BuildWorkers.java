package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.model.Run;

/**
 * Workers of a job's ledger are builds, named by their externalizable id ({@code job#number}): one is
 * alive while its build runs, including a build resumed after a restart.
 */
public final class BuildWorkers {
    private BuildWorkers() {}

    public static boolean alive(String worker) {
        try {
            Run<?, ?> run = Run.fromExternalizableId(worker);
            return run != null && run.isBuilding();
        } catch (IllegalArgumentException notABuild) {
            // a CLI process or another host wrote this lease: Jenkins cannot see it, so it counts as alive
            return true;
        }
    }
}

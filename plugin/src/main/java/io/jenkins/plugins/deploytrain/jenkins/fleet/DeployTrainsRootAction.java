package io.jenkins.plugins.deploytrain.jenkins.fleet;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.model.Job;
import hudson.model.RootAction;
import hudson.model.Run;
import io.jenkins.plugins.deploytrain.fleetstate.VisibleMatrix;
import java.util.Set;
import jenkins.model.Jenkins;

/**
 * "Deploy Trains" in the controller's side panel: per service, which version runs in each environment and zone,
 * deployed by which job, and which job's build is rolling there now, across every job of the controller (from
 * the fleet state). A viewer sees only the jobs they may read; the others are counted, never named.
 */
@Extension
public class DeployTrainsRootAction implements RootAction {

    @CheckForNull
    @Override
    public String getIconFileName() {
        return Jenkins.get().hasPermission(Jenkins.READ) ? "symbol-environment" : null;
    }

    @Override
    public String getDisplayName() {
        return Messages.DeployTrainsRootAction_displayName();
    }

    @Override
    public String getUrlName() {
        return "deploy-trains";
    }

    /** For the page: the matrix as the current user may see it. */
    public VisibleMatrix getMatrix() {
        Jenkins.get().checkPermission(Jenkins.READ);
        return VisibleMatrix.of(ControllerFleetState.get().read(), name -> readable(name) != null);
    }

    /** The matrix of some services only (a job's page shows those of its trains), as the current user may see it. */
    public VisibleMatrix matrixOf(Set<String> services) {
        return VisibleMatrix.of(ControllerFleetState.get().read().onlyServices(services), name -> readable(name) != null);
    }

    /** For the page: a job's URL (relative to the root), or null when the user may not read it or it is gone. */
    @CheckForNull
    public String jobUrl(String fullName) {
        Job<?, ?> job = readable(fullName);
        return job == null ? null : job.getUrl();
    }

    /** For the page: a build's URL, or null when it is not a build of a job the user may read. */
    @CheckForNull
    public String buildUrl(String fullName, String build) {
        Job<?, ?> job = readable(fullName);
        if (job == null || build == null) {
            return null;
        }
        try {
            Run<?, ?> run = job.getBuildByNumber(Integer.parseInt(build));
            return run == null ? null : run.getUrl();
        } catch (NumberFormatException notABuild) {
            return null;
        }
    }

    /** The job as the current user sees it: null when it is gone or they may not read it (READ is checked by the lookup). */
    @CheckForNull
    private static Job<?, ?> readable(String fullName) {
        return fullName == null ? null : Jenkins.get().getItemByFullName(fullName, Job.class);
    }
}

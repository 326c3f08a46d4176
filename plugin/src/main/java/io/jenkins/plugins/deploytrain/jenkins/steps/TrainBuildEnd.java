package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Ends what a train holds when its build ends by a path its step never hears of: a build killed hard
 * ({@code doKill}) completes without stopping its steps, and its Slack reads, Slack sender and timers would
 * otherwise go on.
 */
@Extension
@Restricted(NoExternalUse.class)
public final class TrainBuildEnd extends RunListener<Run<?, ?>> {

    private static final Set<DeployTrainStepExecution> LIVE = ConcurrentHashMap.newKeySet();

    static void started(DeployTrainStepExecution execution) {
        LIVE.add(execution);
    }

    static void ended(DeployTrainStepExecution execution) {
        LIVE.remove(execution);
    }

    /** How many executions still hold Slack reads or timers; for tests. */
    static int live() {
        return LIVE.size();
    }

    @Override
    public void onCompleted(Run<?, ?> run, TaskListener listener) {
        for (DeployTrainStepExecution execution : LIVE) {
            if (runsIn(execution, run)) {
                execution.buildEnded();
            }
        }
    }

    private static boolean runsIn(DeployTrainStepExecution execution, Run<?, ?> run) {
        try {
            return execution.getContext().get(Run.class) == run;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}

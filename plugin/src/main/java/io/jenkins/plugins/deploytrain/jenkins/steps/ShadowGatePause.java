package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.console.HyperlinkNote;
import hudson.model.Result;
import hudson.model.Run;
import java.io.IOException;
import java.io.PrintStream;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;

/**
 * A failed shadow gate waiting for a person, as the build's {@link ShadowGateAction} keeps it: requested, withdrawn
 * when the step is stopped, and read back (also after a restart) once decided. Blocking: each writes or reads the
 * build, so it runs on the plugin's pool.
 */
final class ShadowGatePause {

    private ShadowGatePause() {}

    /** Offers proceed and abort on the build page: the request is written to the build before it is announced. */
    static void request(Run<?, ?> run, String id, String source, String why) throws IOException {
        ShadowGateAction.on(run).await(id, source, why);
    }

    /** Says why the gate paused, and where to decide. */
    static void announce(Run<?, ?> run, String why, PrintStream log) {
        log.println(why);
        log.println(Messages.ShadowGateStep_paused(HyperlinkNote.encodeTo(
                "/" + run.getUrl() + ShadowGateAction.URL_NAME, Messages.ShadowGateStep_page())));
    }

    /** The step was stopped while waiting: the form goes away, the record stays. */
    static void withdraw(Run<?, ?> run, String id) throws IOException {
        ShadowGateAction action = run == null ? null : run.getAction(ShadowGateAction.class);
        if (action != null) {
            action.withdraw(id);
        }
    }

    /** The gate once a person decided it, else null. */
    static ShadowGateAction.Gate decided(Run<?, ?> run, String id) {
        ShadowGateAction action = run == null ? null : run.getAction(ShadowGateAction.class);
        ShadowGateAction.Gate gate = action == null ? null : action.gate(id);
        return gate == null || !gate.isDecided() ? null : gate;
    }

    /** What the step ends with: nothing to proceed, the deciding user's interruption to abort. */
    static Throwable failureOf(ShadowGateAction.Gate gate) {
        return gate.isProceed()
                ? null
                : new FlowInterruptedException(
                        Result.ABORTED, true, new CauseOfInterruption.UserInterruption(gate.getBy()));
    }
}

package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.ledger.LedgerException;
import io.jenkins.plugins.deploytrain.plan.PlanException;
import io.jenkins.plugins.deploytrain.reconcile.StepperPorts;
import io.jenkins.plugins.deploytrain.reconcile.TrainStepper;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** What a failure or a stop means for the train, who and what the ledger names for it, what the console shows. */
final class Interruptions {
    private static final Logger LOGGER = Logger.getLogger(Interruptions.class.getName());

    private Interruptions() {}

    /** Writes the stop to the ledger (who stopped the train and why); a failure to do so is only logged. */
    static void record(TrainStepper stepper, Callable<StepperPorts> ports, StepContext context, Throwable cause) {
        try {
            String build = context.get(Run.class).getExternalizableId();
            stepper.onStop(ports.call(), who(cause, build), why(cause));
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "could not record the stop of " + stepper.trainId(), e);
        }
    }

    /**
     * Whether a body's failure ends the train rather than the target: an actual interruption of the build (an
     * abort, {@code abortPrevious}, a parallel {@code failFast}, a {@code timeout} around the step), decided as
     * workflow-basic-steps' {@code retry} decides it. A {@code timeout} or a rejected {@code input} inside the
     * body reports no actual interruption to the body's caller: only that target fails.
     */
    static boolean endsTheTrain(Throwable t) {
        return t instanceof FlowInterruptedException interrupted && interrupted.isActualInterruption();
    }

    /** The user who interrupted, as Jenkins recorded it, else {@code build}. */
    static String who(Throwable cause, String build) {
        if (cause instanceof FlowInterruptedException interrupted) {
            for (CauseOfInterruption c : interrupted.getCauses()) {
                if (c instanceof CauseOfInterruption.UserInterruption user) {
                    return user.getUserId();
                }
            }
        }
        return build;
    }

    static String why(Throwable cause) {
        if (cause instanceof FlowInterruptedException interrupted
                && !interrupted.getCauses().isEmpty()) {
            return interrupted.getCauses().get(0).getShortDescription();
        }
        return String.valueOf(cause.getMessage());
    }

    /**
     * The engine's own errors (a bad fleet or train file, with every problem and its line; a ledger that cannot be
     * read or written) already say all a user needs: the console shows their message, no trace.
     */
    static Throwable forConsole(Throwable t) {
        if (t instanceof ConfigException || t instanceof PlanException || t instanceof LedgerException) {
            return new AbortException("deployTrain: " + t.getMessage());
        }
        return t;
    }
}

package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.deploytrain.jenkins.concurrent.BlockingWork;
import io.jenkins.plugins.deploytrain.shadow.ObservationWindow;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Watches the shadow off the CPS VM thread: each look runs on the plugin's {@link BlockingWork} pool (Timer only
 * waits for the next look), reads the source (streams the pairs file, or queries Prometheus through Jenkins' proxy
 * settings with one HTTP client for the whole window) and the engine's {@link ObservationWindow} says what follows.
 * The window's end and the next look are absolute instants kept in the execution and saved with the program, so a
 * restart re-arms the same schedule in {@link #onResume()}. A pause waits for {@link ShadowGateAction} to deliver a
 * decision; the decision is also written to the build first, so one made while the controller restarts is picked up
 * on resume.
 *
 * <p>Every field shared between the CPS thread, the pool and the decision page is read and written under the
 * execution's monitor; no monitor is held across a look, an HTTP call or a write of the build.
 */
public class ShadowGateStepExecution extends StepExecution {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(ShadowGateStepExecution.class.getName());

    private final String id = UUID.randomUUID().toString();
    private final ShadowGateSettings settings;
    private Instant end;
    private Duration interval;
    private Instant nextLook;
    private boolean awaitingDecision;
    private boolean finished;

    private transient StepTimer timer = new StepTimer();
    /** One client for every look of the window, made again after a restart. */
    private transient ShadowGateHttp http = new ShadowGateHttp();
    /** Only a changed look is logged, so a long window does not flood the log. */
    private transient String lastSummary;

    ShadowGateStepExecution(StepContext context, ShadowGateSettings settings) {
        super(context);
        this.settings = settings;
    }

    String id() {
        return id;
    }

    /**
     * The transient state after the program is read back (a restart): an idle timer ({@link #onResume()} arms the
     * next look), no client yet (the next look makes one), and the next look is logged whatever it says.
     */
    private Object readResolve() {
        synchronized (this) {
            timer = new StepTimer();
            http = new ShadowGateHttp();
        }
        lastSummary = null;
        return this;
    }

    @Override
    public boolean start() throws Exception {
        if (settings.pairs != null && getContext().get(FilePath.class) == null) {
            // a Prometheus source needs no workspace: the gate then holds no executor for its whole window
            throw new AbortException(Messages.ShadowGateStep_pairsNeedWorkspace(settings.pairs));
        }
        ObservationWindow window = ObservationWindow.starting(Instant.now(), settings.window);
        synchronized (this) {
            if (finished) {
                return false; // stopped before it started: stop wins, nothing is watched
            }
            end = window.end();
            interval = window.interval();
            nextLook = Instant.now();
        }
        if (!settings.window.isZero()) {
            logger().println(Messages.ShadowGateStep_watching(settings.source(), window.end()));
        }
        arm(Instant.now());
        return false;
    }

    @Override
    public void onResume() {
        Instant at;
        synchronized (this) {
            if (finished) {
                return;
            }
            if (awaitingDecision) {
                offPool(this::decisionFromBuild);
                return;
            }
            at = nextLook;
        }
        arm(at);
    }

    @Override
    public void stop(Throwable cause) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        timer().close();
        http().close();
        boolean accepted = offPool(() -> {
            try {
                ShadowGatePause.withdraw(getContext().get(Run.class), id);
            } catch (IOException | InterruptedException e) {
                LOGGER.log(Level.FINE, "could not withdraw the pending shadow gate " + id, e);
            } finally {
                getContext().onFailure(cause);
            }
        });
        if (!accepted) {
            getContext().onFailure(cause);
        }
    }

    /** Schedules the next look, unless the gate has ended meanwhile (a stop racing a look must not re-arm it). */
    private void arm(Instant at) {
        synchronized (this) {
            if (!finished) {
                timer.arm(at, this::look);
            }
        }
    }

    /** One look at the source, then the engine's word on what follows. Runs on the plugin's pool. */
    private void look() {
        ObservationWindow window;
        synchronized (this) {
            if (finished || awaitingDecision) {
                return;
            }
            window = new ObservationWindow(end, interval);
        }
        try {
            if (!buildStillRunning()) {
                // a build killed outright (doKill) never stops its steps: its gate ends at its next look, unasked
                finish(new FlowInterruptedException(Result.ABORTED, false));
                return;
            }
            ShadowSource.Observed observed = ShadowSource.observe(settings, getContext(), http());
            Instant now = Instant.now();
            ObservationWindow.Outcome outcome = window.judge(now, observed.look());
            if (outcome instanceof ObservationWindow.Outcome.Watch watch) {
                if (!observed.look().summary().equals(lastSummary)) {
                    lastSummary = observed.look().summary();
                    logger().println(Messages.ShadowGateStep_look(observed.look().summary(), window.end()));
                }
                synchronized (this) {
                    nextLook = watch.at();
                }
                getContext().saveState();
                arm(watch.at());
            } else if (outcome instanceof ObservationWindow.Outcome.Pass) {
                observed.printTo(logger());
                finish(null);
            } else {
                List<String> failures = ((ObservationWindow.Outcome.Fail) outcome).failures();
                observed.printTo(logger());
                String why = Messages.ShadowGateStep_failed(settings.source(), String.join("; ", failures));
                if (settings.pause) {
                    pause(why);
                } else {
                    finish(new AbortException(why));
                }
            }
        } catch (Throwable t) {
            finish(t);
        }
    }

    private boolean buildStillRunning() throws IOException, InterruptedException {
        Run<?, ?> run = getContext().get(Run.class);
        return run != null && run.isBuilding();
    }

    /** The gate failed and a person decides: the build page offers proceed and abort. */
    private void pause(String why) throws IOException, InterruptedException {
        synchronized (this) {
            if (finished) {
                return;
            }
            awaitingDecision = true;
        }
        timer().cancel(); // nothing to look at while a person decides
        http().shutdown();
        Run<?, ?> run = getContext().get(Run.class);
        ShadowGatePause.request(run, id, settings.source(), why);
        getContext().saveState();
        ShadowGatePause.announce(run, why, logger());
    }

    /**
     * Called by {@link ShadowGateAction} once it has written the decision to the build: the live
     * execution of that gate, if any, carries it out.
     */
    static void decided(String gateId) {
        StepExecution.acceptAll(ShadowGateStepExecution.class, e -> {
            if (e.id.equals(gateId)) {
                e.offPool(e::decisionFromBuild);
            }
        });
    }

    private void decisionFromBuild() {
        try {
            ShadowGateAction.Gate gate = ShadowGatePause.decided(getContext().get(Run.class), id);
            if (gate == null) {
                return;
            }
            synchronized (this) {
                if (finished || !awaitingDecision) {
                    return;
                }
                awaitingDecision = false;
            }
            logger().println(Messages.ShadowGateStep_decided(gate.getDecision(), gate.getBy(), gate.describeReason()));
            finish(ShadowGatePause.failureOf(gate));
        } catch (IOException | InterruptedException e) {
            finish(e);
        }
    }

    /** Ends the gate once, whichever way: its timer and its client end with it. */
    private void finish(Throwable failure) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        timer().close();
        http().close();
        if (failure == null) {
            getContext().onSuccess(null);
        } else {
            getContext().onFailure(failure);
        }
    }

    private synchronized StepTimer timer() {
        return timer;
    }

    private synchronized ShadowGateHttp http() {
        return http;
    }

    /**
     * Blocking work (a look's I/O, writing the build) never runs on the CPS VM thread nor on Jenkins' shared Timer.
     * While Jenkins shuts down the pool refuses work; the step is then resumed with the build.
     */
    private boolean offPool(Runnable task) {
        try {
            BlockingWork.get().submit(task);
            return true;
        } catch (RejectedExecutionException e) {
            LOGGER.log(Level.FINE, "shadow gate " + id + ": work refused while Jenkins shuts down", e);
            return false;
        }
    }

    private PrintStream logger() throws IOException, InterruptedException {
        return getContext().get(TaskListener.class).getLogger();
    }

    @Override
    public String getStatus() {
        synchronized (this) {
            if (awaitingDecision) {
                return "waiting for a decision on " + settings.source();
            }
            return "watching " + settings.source() + " until " + end + ", next look at " + nextLook;
        }
    }
}

package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.jenkins.state.TrainRunAction;
import io.jenkins.plugins.deploytrain.notify.SlackSettings;
import io.jenkins.plugins.deploytrain.reconcile.Command;
import io.jenkins.plugins.deploytrain.reconcile.TrainStepper;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Hosts one {@link TrainStepper} in a build: each Jenkins event (the step started, a body ended, a timer fired, an
 * approval was recorded, the build was stopped or resumed) becomes one stepper event, and each {@link Command} it
 * answers becomes one Jenkins call (a body, a timer, a console line and Slack reads for an approval, the step's
 * end). Events read and write the job's ledger and may call gates, so they never run on the CPS VM thread nor on
 * {@code jenkins.util.Timer}: they run one at a time on the plugin's {@link SerialEvents}.
 *
 * <p>What survives a restart is the stepper (plain data) and the train's texts; the body is resumed by CPS and
 * re-reports through its callback, and timers and approval requests are re-derived from the ledger in {@link
 * #onResume}. Every field is read and written under this object's monitor, never across a call out.
 */
public class DeployTrainStepExecution extends StepExecution {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(DeployTrainStepExecution.class.getName());

    private final transient DeployTrainStep step;
    private final TrainStepChoices choices;

    private TrainDefinition definition;
    private TrainStepper stepper;
    /** The stepper's latest timer, absolute; shown in the status. */
    private Instant timerAt;

    private final BodyInFlight body = new BodyInFlight();
    /** {@link #stop} came: a {@code begin} still running admits nothing, a cancelled body's end ends the step. */
    private boolean stopped;

    /** Its hosting is built again after a restart by {@link #hosting()}: it holds keys and HTTP clients. */
    private transient TrainHostingSlot slot;

    private transient SerialEvents events;

    DeployTrainStepExecution(StepContext context, DeployTrainStep step) {
        super(context);
        this.step = step;
        this.choices = new TrainStepChoices(step);
    }

    @Override
    public boolean start() {
        event(() -> {
            try {
                begin();
            } catch (Throwable t) {
                end(Interruptions.forConsole(t), null);
            }
        });
        return false;
    }

    /** Reads the train, admits it into the job's ledger and starts the stepper; a stop that came first wins. */
    private void begin() throws IOException, InterruptedException {
        Run<?, ?> run = getContext().get(Run.class);
        Optional<TrainOpening.Opened> opened =
                TrainOpening.open(step, run, getContext().get(FilePath.class), logger(), this::isStopped);
        if (opened.isEmpty()) {
            return; // stopped before admission: the queued stop ends the step
        }
        synchronized (this) {
            definition = opened.get().definition();
            stepper = opened.get().stepper();
        }
        host(opened.get().hosted(), run);
        getContext().saveState();
        react((s, q) -> s.onStart(q));
    }

    /** The train's hosting, released at once when the step has already ended. */
    private TrainHosting host(TrainOpening.Hosted hosted, Run<?, ?> run) {
        String trainId;
        SlackSettings slack;
        synchronized (this) {
            trainId = stepper.trainId();
            slack = definition.slack();
        }
        return slot().keep(hosted, h -> TrainHosting.of(h, run, trainId, slack, this::slackApproval), this);
    }

    /** An approval read from Slack: one stepper event. */
    private void slackApproval(Approval approval) {
        react((s, p) -> hosting().slack().apply(s, p, approval, logger()));
    }

    @Override
    public void onResume() {
        BodyEnd unreported = body.unrecorded();
        if (!isAdmitted()) {
            // the restart came between reading the train and admitting it: nothing was started yet
            end(new AbortException(Messages.DeployTrainStep_restartedBeforeStart()), null);
        } else if (unreported != null) {
            deliver(unreported);
        } else {
            react((s, p) -> s.onResume(p));
        }
    }

    @Override
    public void stop(Throwable cause) {
        synchronized (this) {
            stopped = true;
        }
        event(() -> {
            BodyExecution running = body.running();
            recordStop(cause);
            release();
            if (running != null) {
                running.cancel(cause); // its callback ends the step, once the body has really ended
            } else {
                end(cause, null);
            }
        });
    }

    /** The train's id, once the train is admitted. */
    synchronized String trainId() {
        return stepper == null ? null : stepper.trainId();
    }

    private synchronized boolean isAdmitted() {
        return stepper != null;
    }

    private synchronized boolean isStopped() {
        return stopped;
    }

    /**
     * Called by {@link TrainRunAction} after it recorded an approval in the ledger: the stepper reads the ledger
     * again and carries on. A build without a live execution picks it up from the ledger when it runs.
     */
    public static void approvalRecorded(String trainId) {
        StepExecution.acceptAll(DeployTrainStepExecution.class, e -> {
            if (trainId.equals(e.trainId())) {
                e.react((s, p) -> s.onTimer(p));
            }
        });
    }

    /**
     * A body's end as its callback saw it, on the CPS VM thread: kept (no I/O), then told to the stepper by an
     * event. A failure that is an actual interruption of the build (see {@link Interruptions}) or the end of a body
     * {@link #stop} cancelled ends the step; any other failure is the deploy's, and the stepper decides.
     */
    void bodyEnded(BodyEnd end, Throwable failure) {
        boolean stoppedHere = isStopped();
        boolean endsTheStep = stoppedHere || (failure != null && Interruptions.endsTheTrain(failure));
        if (!endsTheStep) {
            body.ended(end);
            getContext().saveState();
            deliver(end);
            return;
        }
        event(() -> {
            body.forget();
            if (!stoppedHere) {
                recordStop(failure);
            }
            end(failure != null ? failure : new AbortException(Messages.DeployTrainStep_stopped()), null);
        });
    }

    /** Tells the stepper about a body's end, then forgets it (a restart before that tells it again). */
    private void deliver(BodyEnd end) {
        react((s, p) -> {
            List<Command> next = PlanHandOver.deliver(s, p, end, getContext());
            body.recorded(end);
            return next;
        });
    }

    private void recordStop(Throwable cause) {
        TrainStepper s;
        synchronized (this) {
            s = stepper;
        }
        if (s != null) {
            Interruptions.record(s, () -> hosting().ports(), getContext(), cause);
        }
    }

    /** One stepper event and the Jenkins calls for its commands, queued behind the train's other events. */
    private void react(StepperEvent event) {
        event(() -> {
            TrainStepper s;
            synchronized (this) {
                if (stepper == null || stopped) {
                    return;
                }
                s = stepper;
            }
            if (slot().hasEnded()) {
                return;
            }
            try {
                if (!getContext().get(Run.class).isBuilding()) {
                    buildEnded(); // a build killed hard leaves its execution behind: it must not take targets
                    return;
                }
                TrainHosting h = hosting();
                List<Command> commands = event.apply(s, h.ports());
                getContext().saveState();
                for (Command command : commands) {
                    dispatch(command, s, h);
                }
                h.waiting(commands.stream().anyMatch(c -> c instanceof Command.AwaitApproval));
            } catch (Exception e) {
                LOGGER.log(Level.WARNING, "Deploy Train " + s.trainId() + " failed", e);
                end(Interruptions.forConsole(e), null);
            }
        });
    }

    private void dispatch(Command command, TrainStepper s, TrainHosting h) throws IOException, InterruptedException {
        if (command instanceof Command.StartBody start) {
            BodyExecution started = TargetBodies.start(getContext(), start, this, logger());
            body.started(started);
            getContext().saveState();
        } else if (command instanceof Command.ScheduleTimer wait) {
            logger().println(Messages.DeployTrainStep_waiting(wait.at(), wait.reason()));
            synchronized (this) {
                timerAt = wait.at();
            }
            h.arm(wait.at(), () -> react((t, p) -> t.onTimer(p)));
        } else if (command instanceof Command.AwaitApproval ask) {
            ApprovalLinks.print(getContext().get(Run.class), s.trainId(), ask, choices.terraform, logger());
        } else if (command instanceof Command.Complete) {
            end(null, DeployTrainResult.of(getContext().get(Run.class).getParent(), s.trainId()));
        } else if (command instanceof Command.Fail fail) {
            end(new AbortException(Messages.DeployTrainStep_failed(s.trainId(), fail.error())), null);
        }
    }

    /** The step's end by any path: timers cancelled, Slack reads and senders ended, then the context told once. */
    private void end(Throwable failure, Object result) {
        if (!slot().end()) {
            return;
        }
        release();
        if (failure != null) {
            getContext().onFailure(failure);
        } else {
            getContext().onSuccess(result);
        }
    }

    /** The build ended without this step hearing of it (killed hard): let go of everything, the context is gone. */
    void buildEnded() {
        slot().end();
        release();
    }

    private void release() {
        synchronized (this) {
            timerAt = null;
        }
        slot().release(this);
    }

    /** The train's hosting, built again after a restart: the gates with this build's credentials, and Slack. */
    private TrainHosting hosting() throws IOException, InterruptedException {
        TrainHosting kept = slot().current();
        if (kept != null) {
            return kept;
        }
        TrainDefinition d;
        synchronized (this) {
            d = definition;
        }
        Run<?, ?> run = getContext().get(Run.class);
        return host(choices.reopen(d, run, getContext()), run);
    }

    private synchronized TrainHostingSlot slot() {
        if (slot == null) {
            slot = new TrainHostingSlot();
        }
        return slot;
    }

    private void event(Runnable event) {
        SerialEvents queue;
        synchronized (this) {
            if (events == null) {
                events = new SerialEvents();
            }
            queue = events;
        }
        queue.submit(event);
    }

    private PrintStream logger() throws IOException, InterruptedException {
        return getContext().get(TaskListener.class).getLogger();
    }

    @Override
    public String getStatus() {
        String trainId;
        Instant at;
        synchronized (this) {
            trainId = stepper == null ? null : stepper.trainId();
            at = timerAt;
        }
        if (trainId == null) {
            return "reading the train";
        }
        return "train " + trainId + (at == null ? "" : ", waiting until " + at);
    }
}

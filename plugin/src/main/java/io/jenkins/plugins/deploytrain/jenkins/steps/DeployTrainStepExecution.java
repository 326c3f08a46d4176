package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.deploytrain.approval.Approval;
import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.gate.GatesConfig;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import io.jenkins.plugins.deploytrain.jenkins.gate.BuildMonitoring;
import io.jenkins.plugins.deploytrain.jenkins.notify.SlackSetup;
import io.jenkins.plugins.deploytrain.jenkins.notify.TrainSlack;
import io.jenkins.plugins.deploytrain.jenkins.security.ApproverList;
import io.jenkins.plugins.deploytrain.jenkins.state.JobLedgerStore;
import io.jenkins.plugins.deploytrain.jenkins.state.TrainRunAction;
import io.jenkins.plugins.deploytrain.ledger.LedgerException;
import io.jenkins.plugins.deploytrain.plan.PlanException;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import io.jenkins.plugins.deploytrain.reconcile.BodyPhase;
import io.jenkins.plugins.deploytrain.reconcile.Command;
import io.jenkins.plugins.deploytrain.reconcile.PlannedTrain;
import io.jenkins.plugins.deploytrain.reconcile.SecondTrainPolicy;
import io.jenkins.plugins.deploytrain.reconcile.StepperPorts;
import io.jenkins.plugins.deploytrain.reconcile.TrainAdmission;
import io.jenkins.plugins.deploytrain.reconcile.TrainStepper;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
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
    /** A {@code terraformTrain}: its bodies plan and apply, and its plans are handed to the stepper. */
    private final boolean terraform;
    /** The step's own Slack choices (null: the train file's, else the global ones), for a resumed build. */
    private final String slackChannel;

    private final String slackCredentialsId;

    private TrainDefinition definition;
    private TrainStepper stepper;
    /** The stepper's latest timer, absolute; shown in the status. */
    private Instant timerAt;

    private BodyExecution body;
    /**
     * A body's end, kept from its callback until the stepper has recorded it: CPS may save the program after the
     * callback ran and before the event told the stepper, and a restart there must not lose the result.
     */
    private BodyEnd bodyEnd;
    /** {@link #stop} came: a {@code begin} still running admits nothing, a cancelled body's end ends the step. */
    private boolean stopped;

    private transient boolean ended;
    /** Rebuilt after a restart by {@link #ports} (gates and Slack hold keys and HTTP clients: never serialized). */
    private transient StepperPorts ports;

    private transient SlackApprovalPoll slack;
    private transient TrainTimer timer;
    private transient SerialEvents events;

    DeployTrainStepExecution(StepContext context, DeployTrainStep step) {
        super(context);
        this.step = step;
        this.terraform = step instanceof TerraformTrainStep;
        this.slackChannel = step.getSlackChannel();
        this.slackCredentialsId = step.getSlackCredentialsId();
    }

    @Override
    public boolean start() {
        event(() -> {
            try {
                begin();
            } catch (Throwable t) {
                end(forConsole(t), null);
            }
        });
        return false;
    }

    /** Reads the train from the workspace, admits it into the job's ledger and starts the stepper. */
    private void begin() throws IOException, InterruptedException {
        Run<?, ?> run = getContext().get(Run.class);
        TrainFileLoader files = new TrainFileLoader(step, getContext().get(FilePath.class));
        TrainDefinition loaded = files.load();
        TrainSpec spec = loaded.spec();
        GatesConfig gateSpecs = loaded.gates();
        BuildMonitoring monitoring = BuildMonitoring.of(DeployTrainGlobalConfiguration.get(), run);
        List<String> unmet = monitoring.unmet(gateSpecs);
        if (!unmet.isEmpty()) {
            // like deploy-train run: such a gate would only ever fail, pausing the train at its first target
            throw new AbortException(String.join(
                    "\n",
                    unmet.stream().map(u -> "deployTrain: " + loaded.name() + ": " + u).toList()));
        }
        Optional<SlackSetup> slackSetup = SlackSetup.resolve(
                slackChannel, slackCredentialsId, loaded.slack(), DeployTrainGlobalConfiguration.get(), run);
        PlannedTrain plan = PlannedTrain.of(loaded.fleet(), spec);
        Job<?, ?> job = run.getParent();
        JobLedgerStore store = JobLedgerStore.of(job);
        Instant now = Instant.now();
        String who = run.getExternalizableId();
        String version = TrainFileLoader.version(spec, store, job.getFullName(), now, logger());
        var targets = files.targets(loaded, gateSpecs.assignTo(plan.targets()));
        AtomicReference<TrainAdmission.Admitted> admitted = new AtomicReference<>();
        store.update(job.getFullName(), ledger -> {
            if (isStopped()) {
                // stop() came while the train was read: it wins, nothing is admitted
                return ledger;
            }
            TrainAdmission.Admitted a = TrainAdmission.admit(
                    ledger,
                    spec.service(),
                    version,
                    targets,
                    SecondTrainPolicy.SUPERSEDE,
                    who,
                    "build " + run.getFullDisplayName(),
                    now);
            admitted.set(a);
            return a.ledger();
        });
        if (admitted.get() == null) {
            return; // the queued stop ends the step
        }
        String trainId = admitted.get().trainId();
        TrainRunAction.attach(run, trainId, approvers(loaded));
        logger().println(Messages.DeployTrainStep_starting(
                admitted.get().resumed() ? "continuing" : "starting",
                trainId, spec.service(), version, plan.steps().size()));
        PrintStream log = logger();
        TrainSlack thread = slackSetup
                .map(setup -> TrainSlack.open(setup, job, link(run), log::println))
                .orElse(null);
        StepperPorts p = TrainPorts.assemble(
                run, plan, monitoring.gateRunner(gateSpecs), logger(), thread, terraform ? workspace() : null);
        synchronized (this) {
            definition = loaded;
            stepper = new TrainStepper(job.getFullName(), trainId, who);
            ports = p;
            slack = thread == null ? null : slackPoll(thread, run, trainId);
        }
        getContext().saveState();
        TrainBuildEnd.started(this);
        react((s, q) -> s.onStart(q));
    }

    /** The train file's approvers (names and groups), or null to leave it to the global list. */
    private static ApproverList approvers(TrainDefinition loaded) {
        var approvers = loaded.slack().approvers();
        List<String> names = new ArrayList<>(approvers.names());
        names.addAll(approvers.groups());
        names.sort(null);
        return names.isEmpty() ? null : new ApproverList(names);
    }

    private SlackApprovalPoll slackPoll(TrainSlack thread, Run<?, ?> run, String trainId) {
        Job<?, ?> job = run.getParent();
        SlackApprovers who = new SlackApprovers(
                job,
                definition.slack(),
                () -> TrainRunAction.of(run, trainId)
                        .map(TrainRunAction::getApproverList)
                        .orElseGet(() -> DeployTrainGlobalConfiguration.get().getApproverList()),
                Clock.systemUTC());
        return new SlackApprovalPoll(thread, trainId, who, this::slackApproval);
    }

    /** An approval read from Slack, recorded like one from the train's page; one that does not fit is refused. */
    private void slackApproval(Approval approval) {
        react((s, p) -> {
            try {
                return s.onApproval(p, approval);
            } catch (IllegalArgumentException refused) {
                String text = Messages.DeployTrainStep_slackRefused(
                        approval.by(),
                        approval.action().json() + (approval.target() == null ? "" : " " + approval.target()),
                        refused.getMessage());
                say(s.trainId(), text);
                return s.onTimer(p);
            }
        });
    }

    /** A line in the console and in the train's Slack thread. */
    private void say(String trainId, String text) {
        try {
            logger().println("Deploy Train: " + text);
        } catch (IOException | InterruptedException e) {
            LOGGER.log(Level.FINE, "no build log for " + text, e);
        }
        SlackApprovalPoll poll = slackPoll();
        if (poll != null) {
            poll.slack().say(trainId, text);
        }
    }

    /** The build's page, for the Slack thread's root message; empty when Jenkins does not know its own URL. */
    private static String link(Run<?, ?> run) {
        String root = Jenkins.get().getRootUrl();
        return root == null ? "" : root + run.getUrl();
    }

    @Override
    public void onResume() {
        BodyEnd unreported;
        synchronized (this) {
            unreported = bodyEnd;
        }
        if (!isAdmitted()) {
            // the restart came between reading the train and admitting it: nothing was started yet
            end(new AbortException(Messages.DeployTrainStep_restartedBeforeStart()), null);
        } else if (unreported != null) {
            deliver(unreported);
        } else {
            TrainBuildEnd.started(this);
            react((s, p) -> s.onResume(p));
        }
    }

    @Override
    public void stop(Throwable cause) {
        synchronized (this) {
            stopped = true;
        }
        event(() -> {
            BodyExecution running;
            synchronized (this) {
                running = body != null && !body.isDone() ? body : null;
            }
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
            synchronized (this) {
                bodyEnd = end;
            }
            getContext().saveState();
            deliver(end);
            return;
        }
        event(() -> {
            synchronized (this) {
                body = null;
            }
            if (!stoppedHere) {
                recordStop(failure);
            }
            end(failure != null ? failure : new AbortException(Messages.DeployTrainStep_stopped()), null);
        });
    }

    /** Tells the stepper about a body's end, then forgets it (a restart before that tells it again). */
    private void deliver(BodyEnd end) {
        react((s, p) -> {
            List<Command> next = PlanHandOver.deliver(s, p, end, workspaceOrNull(end));
            synchronized (this) {
                body = null;
                if (bodyEnd == end) {
                    bodyEnd = null;
                }
            }
            return next;
        });
    }

    private FilePath workspaceOrNull(BodyEnd end) {
        try {
            return end.planJson == null ? null : workspace();
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    private void recordStop(Throwable cause) {
        TrainStepper s;
        synchronized (this) {
            s = stepper;
        }
        if (s == null) {
            return;
        }
        try {
            String build = getContext().get(Run.class).getExternalizableId();
            s.onStop(ports(), Interruptions.who(cause, build), Interruptions.why(cause));
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "could not record the stop of " + s.trainId(), e);
        }
    }

    /** One stepper event and the Jenkins calls for its commands, queued behind the train's other events. */
    private void react(BiFunction<TrainStepper, StepperPorts, List<Command>> event) {
        event(() -> {
            TrainStepper s;
            synchronized (this) {
                if (stepper == null || ended || stopped) {
                    return;
                }
                s = stepper;
            }
            try {
                if (!getContext().get(Run.class).isBuilding()) {
                    buildEnded(); // a build killed hard leaves its execution behind: it must not take targets
                    return;
                }
                List<Command> commands = event.apply(s, ports());
                getContext().saveState();
                boolean asks = false;
                for (Command command : commands) {
                    asks |= command instanceof Command.AwaitApproval;
                    dispatch(command, s);
                }
                SlackApprovalPoll poll = slackPoll();
                if (poll != null) {
                    poll.waiting(asks);
                }
            } catch (Exception e) {
                LOGGER.log(Level.WARNING, "Deploy Train " + s.trainId() + " failed", e);
                end(forConsole(e), null);
            }
        });
    }

    private void dispatch(Command command, TrainStepper s) throws IOException, InterruptedException {
        if (command instanceof Command.StartBody start) {
            startBody(start);
        } else if (command instanceof Command.ScheduleTimer wait) {
            logger().println(Messages.DeployTrainStep_waiting(wait.at(), wait.reason()));
            synchronized (this) {
                timerAt = wait.at();
            }
            timer().arm(wait.at(), () -> react((t, p) -> t.onTimer(p)));
        } else if (command instanceof Command.AwaitApproval ask) {
            Run<?, ?> run = getContext().get(Run.class);
            String page = TrainRunAction.of(run, s.trainId())
                    .map(a -> "/" + run.getUrl() + a.getUrlName() + "/")
                    .orElse("/" + run.getUrl() + "deploy-train/");
            logger().println(ApprovalLinks.line(ask, page, s.trainId()));
            if (terraform && ask.target() != null) {
                PlanReviewPrinter.print(JobLedgerStore.of(run.getParent()).load(), s.trainId(), ask.target(), logger());
            }
        } else if (command instanceof Command.Complete) {
            var train = JobLedgerStore.of(getContext().get(Run.class).getParent())
                    .load()
                    .flatMap(l -> l.train(s.trainId()))
                    .orElseThrow();
            end(null, new DeployTrainResult(train));
        } else if (command instanceof Command.Fail fail) {
            end(new AbortException(Messages.DeployTrainStep_failed(s.trainId(), fail.error())), null);
        }
    }

    private void startBody(Command.StartBody start) throws IOException, InterruptedException {
        String planJson = start.phase() == BodyPhase.PLAN ? start.environment().get("TRAIN_PLAN_JSON") : null;
        logger().println(
                        switch (start.phase()) {
                            case PLAN -> Messages.TerraformTrainStep_planning(start.displayName(), start.attempt());
                            case APPLY -> Messages.TerraformTrainStep_applying(start.displayName(), start.attempt());
                            case DEPLOY -> Messages.DeployTrainStep_deploying(start.displayName(), start.attempt());
                        });
        if (planJson != null) {
            // a plan an earlier attempt left behind must not pass for this attempt's
            FilePath file = workspace().child(planJson);
            file.delete();
            file.getParent().mkdirs();
        }
        BodyExecution started = getContext()
                .newBodyInvoker()
                .withContext(EnvironmentExpander.merge(
                        getContext().get(EnvironmentExpander.class),
                        EnvironmentExpander.constant(start.environment())))
                .withDisplayName(start.environment().get("TRAIN_ENVIRONMENT") + "/"
                        + start.environment().get("TRAIN_ZONE"))
                .withCallback(new TargetCallback(this, start.target(), start.attempt(), planJson))
                .start();
        synchronized (this) {
            body = started;
        }
        getContext().saveState();
    }

    /** The step's end by any path: timers cancelled, Slack reads and senders ended, then the context told once. */
    private void end(Throwable failure, Object result) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
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
        synchronized (this) {
            ended = true;
        }
        release();
    }

    boolean runsIn(Run<?, ?> run) {
        try {
            return getContext().get(Run.class) == run;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private void release() {
        TrainTimer t;
        SlackApprovalPoll poll;
        synchronized (this) {
            t = timer;
            poll = slack;
            timerAt = null;
        }
        if (t != null) {
            t.cancel();
        }
        if (poll != null) {
            poll.close();
        }
        TrainBuildEnd.ended(this);
    }

    /** The stepper's ports, built again after a restart: the gates with this build's credentials, and Slack. */
    private StepperPorts ports() throws IOException, InterruptedException {
        synchronized (this) {
            if (ports != null) {
                return ports;
            }
        }
        Run<?, ?> run = getContext().get(Run.class);
        TrainDefinition d;
        String trainId;
        synchronized (this) {
            d = definition;
            trainId = stepper.trainId();
        }
        TrainSlack thread = reopenSlack(run, d);
        StepperPorts p = TrainPorts.assemble(
                run,
                d.plan(),
                BuildMonitoring.of(DeployTrainGlobalConfiguration.get(), run).gateRunner(d.gates()),
                logger(),
                thread,
                terraform ? workspace() : null);
        synchronized (this) {
            if (ports == null) {
                ports = p;
                slack = thread == null ? null : slackPoll(thread, run, trainId);
            }
            return ports;
        }
    }

    /** The same channel and token as when the build started, resolved again; an unusable Slack costs the thread. */
    private TrainSlack reopenSlack(Run<?, ?> run, TrainDefinition d) throws IOException, InterruptedException {
        PrintStream log = logger();
        try {
            return SlackSetup.resolve(
                            slackChannel, slackCredentialsId, d.slack(), DeployTrainGlobalConfiguration.get(), run)
                    .map(setup -> TrainSlack.open(setup, run.getParent(), link(run), log::println))
                    .orElse(null);
        } catch (AbortException e) {
            log.println(Messages.DeployTrainStep_slackUnavailable(e.getMessage()));
            return null;
        }
    }

    private synchronized SlackApprovalPoll slackPoll() {
        return slack;
    }

    private synchronized TrainTimer timer() {
        if (timer == null) {
            timer = new TrainTimer();
        }
        return timer;
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

    private FilePath workspace() throws IOException, InterruptedException {
        return getContext().get(FilePath.class);
    }

    private PrintStream logger() throws IOException, InterruptedException {
        return getContext().get(TaskListener.class).getLogger();
    }

    /**
     * The engine's own errors (a bad fleet or train file, with every problem and its line; a ledger that cannot be
     * read or written) already say all a user needs: the console shows their message, no trace.
     */
    private static Throwable forConsole(Throwable t) {
        if (t instanceof ConfigException || t instanceof PlanException || t instanceof LedgerException) {
            return new AbortException("deployTrain: " + t.getMessage());
        }
        return t;
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

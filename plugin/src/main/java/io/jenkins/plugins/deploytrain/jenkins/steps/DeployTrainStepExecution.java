package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.console.HyperlinkNote;
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
import io.jenkins.plugins.deploytrain.jenkins.security.ApproverCheck;
import io.jenkins.plugins.deploytrain.jenkins.security.ApproverList;
import io.jenkins.plugins.deploytrain.jenkins.state.JobLedgerStore;
import io.jenkins.plugins.deploytrain.jenkins.state.TrainRunAction;
import io.jenkins.plugins.deploytrain.ledger.Ledger;
import io.jenkins.plugins.deploytrain.ledger.LedgerException;
import io.jenkins.plugins.deploytrain.ledger.PlanRecord;
import io.jenkins.plugins.deploytrain.ledger.TargetRecord;
import io.jenkins.plugins.deploytrain.ledger.TerraformRecord;
import io.jenkins.plugins.deploytrain.ledger.Train;
import io.jenkins.plugins.deploytrain.notify.ApproverPolicy;
import io.jenkins.plugins.deploytrain.notify.SlackSettings;
import io.jenkins.plugins.deploytrain.plan.PlanException;
import io.jenkins.plugins.deploytrain.plan.TrainSpec;
import io.jenkins.plugins.deploytrain.reconcile.BakedVersion;
import io.jenkins.plugins.deploytrain.reconcile.BodyOutcome;
import io.jenkins.plugins.deploytrain.reconcile.BodyPhase;
import io.jenkins.plugins.deploytrain.reconcile.Command;
import io.jenkins.plugins.deploytrain.reconcile.DirectoryPlanArchive;
import io.jenkins.plugins.deploytrain.reconcile.GateRunner;
import io.jenkins.plugins.deploytrain.reconcile.Notifier;
import io.jenkins.plugins.deploytrain.reconcile.PlanArchive;
import io.jenkins.plugins.deploytrain.reconcile.PlannedTrain;
import io.jenkins.plugins.deploytrain.reconcile.SecondTrainPolicy;
import io.jenkins.plugins.deploytrain.reconcile.StepperPorts;
import io.jenkins.plugins.deploytrain.reconcile.TerraformTargets;
import io.jenkins.plugins.deploytrain.reconcile.TrainAdmission;
import io.jenkins.plugins.deploytrain.reconcile.TrainStepper;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import jenkins.model.CauseOfInterruption;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.AbstractStepExecutionImpl;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.support.steps.input.POSTHyperlinkNote;

/**
 * Hosts one {@link TrainStepper} in a build: each {@link Command} it answers becomes one Jenkins call (a
 * body, a {@link Timer} task, a console line for an approval, the step's end), and each Jenkins event (a
 * body ended, a timer fired, an approval was recorded, the build was aborted or resumed) becomes one
 * stepper event.
 *
 * <p>Stepper events read and write the job's ledger file, so they never run on the CPS VM thread: every
 * one is submitted to {@link Timer}, and they are serialized by this object's monitor. What survives a
 * restart is the stepper (plain data) and the train's texts; the body is resumed by CPS and re-reports
 * through its callback, and timers and approval requests are re-derived from the ledger in {@link #onResume}.
 */
public class DeployTrainStepExecution extends AbstractStepExecutionImpl {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(DeployTrainStepExecution.class.getName());

    /** Between looks at what nobody announces (another build's deploy, a train ahead in the queue). */
    private static final Duration RECHECK = Duration.ofMinutes(1);

    /** A deploy lease outlives a build that vanished without a trace for this long. */
    private static final Duration LEASE_TIME = Duration.ofHours(12);

    private final transient DeployTrainStep step;
    /** A {@code terraformTrain}: its bodies plan and apply, and its plans are handed to the stepper. */
    private final boolean terraform;

    private TrainDefinition definition;
    private TrainStepper stepper;
    /** The stepper's latest timer, absolute; shown in the status and kept across a restart for the record. */
    private Instant timerAt;

    private transient Future<?> timer;
    private BodyExecution body;
    /**
     * A body's end, kept from its callback until the stepper has recorded it: CPS may save the program after the
     * callback ran and before the Timer task told the stepper, and a restart there must not lose the result.
     */
    private volatile BodyEnd bodyEnd;
    /** Set when {@link #stop} cancelled a running body, whose callback then ends the step. */
    private boolean stopping;

    private transient PlannedTrain planned;
    /**
     * Built from the train's gates and the global configuration, with credentials resolved for this build;
     * never serialized (it holds keys and HTTP clients): a resumed build builds it again.
     */
    private transient GateRunner gates;

    /** The step's own Slack choices (null: the train file's, else the global ones), for a resumed build. */
    private String slackChannel;

    private String slackCredentialsId;
    /** The train's Slack thread while this build runs; null without Slack. Holds the token: never serialized. */
    private transient TrainSlack slack;

    private transient boolean slackOpened;
    /** Reads the thread's replies while the train waits for a person; re-armed by the approval request in onResume. */
    private transient Future<?> slackPoll;

    private transient boolean awaitingApproval;

    private transient SlackSettings slackSettings;

    DeployTrainStepExecution(StepContext context, DeployTrainStep step) {
        super(context);
        this.step = step;
        this.terraform = step instanceof TerraformTrainStep;
    }

    @Override
    public boolean start() {
        Timer.get().submit(() -> {
            try {
                begin();
            } catch (Throwable t) {
                getContext().onFailure(forConsole(t));
            }
        });
        return false;
    }

    /** Reads the train from the workspace, admits it into the job's ledger and starts the stepper. */
    private void begin() throws IOException, InterruptedException {
        Run<?, ?> run = getContext().get(Run.class);
        FilePath workspace = getContext().get(FilePath.class);
        TrainDefinition loaded = load(workspace);
        TrainSpec spec = loaded.spec();
        GatesConfig gateSpecs = loaded.gates();
        BuildMonitoring monitoring = BuildMonitoring.of(DeployTrainGlobalConfiguration.get(), run);
        List<String> unmet = monitoring.unmet(gateSpecs);
        if (!unmet.isEmpty()) {
            // like deploy-train run: such a gate would only ever fail, pausing the train at its first target
            throw new AbortException(String.join(
                    "\n",
                    unmet.stream()
                            .map(u -> "deployTrain: " + loaded.name() + ": " + u)
                            .toList()));
        }
        SlackSettings slackSection = loaded.slack();
        Optional<SlackSetup> slackSetup = SlackSetup.resolve(
                step.getSlackChannel(),
                step.getSlackCredentialsId(),
                slackSection,
                DeployTrainGlobalConfiguration.get(),
                run);
        PlannedTrain plan = PlannedTrain.of(loaded.fleet(), spec);
        Job<?, ?> job = run.getParent();
        JobLedgerStore store = JobLedgerStore.of(job);
        Instant now = Instant.now();
        String who = run.getExternalizableId();
        String version = version(spec, store, job.getFullName(), now);
        List<TargetRecord> targets = targets(loaded, gateSpecs.assignTo(plan.targets()));
        AtomicReference<TrainAdmission.Admitted> admitted = new AtomicReference<>();
        store.update(job.getFullName(), ledger -> {
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
        String trainId = admitted.get().trainId();
        run.addOrReplaceAction(new TrainRunAction(trainId, approvers(slackSection)));
        logger().println(Messages.DeployTrainStep_starting(
                admitted.get().resumed() ? "continuing" : "starting",
                trainId,
                spec.service(),
                version,
                plan.steps().size()));
        synchronized (this) {
            definition = loaded;
            planned = plan;
            gates = monitoring.gateRunner(gateSpecs);
            slackSettings = slackSection;
            slackChannel = step.getSlackChannel();
            slackCredentialsId = step.getSlackCredentialsId();
            PrintStream log = logger();
            slack = slackSetup
                    .map(setup -> TrainSlack.open(setup, job, link(run), log::println))
                    .orElse(null);
            slackOpened = true;
            stepper = new TrainStepper(job.getFullName(), trainId, who);
        }
        react((s, p) -> s.onStart(p));
    }

    /** The plan's targets; for a terraform train with the tokens of each target's plans. */
    private List<TargetRecord> targets(TrainDefinition loaded, List<TargetRecord> planned) throws AbortException {
        if (!(step instanceof TerraformTrainStep tf)) {
            return planned;
        }
        try {
            return TerraformTargets.of(loaded.fleet(), planned, tf.getTokens(), tf.isAutoApproveIdenticalPlans());
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.TerraformTrainStep_badTokens(e.getMessage()));
        }
    }

    private TrainDefinition load(FilePath workspace) throws IOException, InterruptedException {
        String trainPath = step.getTrain();
        if (trainPath == null && (step.getService() == null || step.getVersion() == null)) {
            throw new AbortException(Messages.DeployTrainStep_needsTrainOrService());
        }
        if (trainPath != null && step.getService() != null) {
            throw new AbortException(Messages.DeployTrainStep_trainAndService(trainPath, step.getService()));
        }
        if (trainPath == null) {
            if (step.getFleet() == null) {
                throw new AbortException(Messages.DeployTrainStep_needsFleet("arguments"));
            }
            FilePath fleetFile = existing(workspace, step.getFleet(), "fleet");
            return TrainDefinition.inline(
                    step.getFleet(), fleetFile.readToString(), step.getService(), step.getVersion());
        }
        FilePath trainFile = existing(workspace, trainPath, "train");
        String trainText = trainFile.readToString();
        String fleetPath = step.getFleet();
        FilePath fleetFile;
        if (fleetPath != null) {
            fleetFile = existing(workspace, fleetPath, "fleet");
        } else {
            String named = TrainDefinition.namedFleet(trainPath, trainText);
            if (named.isEmpty()) {
                throw new AbortException(Messages.DeployTrainStep_needsFleet(trainPath));
            }
            FilePath dir = trainFile.getParent();
            fleetFile = (dir == null ? workspace : dir).child(named);
            fleetPath = fleetFile.getRemote();
            if (!fleetFile.exists()) {
                throw new AbortException(Messages.DeployTrainStep_noFile("fleet", named, workspace.getRemote()));
            }
        }
        return TrainDefinition.fromFile(fleetPath, fleetFile.readToString(), trainPath, trainText);
    }

    private static FilePath existing(FilePath workspace, String path, String what)
            throws IOException, InterruptedException {
        FilePath file = workspace.child(path);
        if (!file.exists()) {
            throw new AbortException(Messages.DeployTrainStep_noFile(what, path, workspace.getRemote()));
        }
        return file;
    }

    /** The fixed version, or for a daily train the version that baked long enough in the primary. */
    private String version(TrainSpec spec, JobLedgerStore store, String job, Instant now)
            throws IOException, InterruptedException {
        if (spec.version().isPresent()) {
            return spec.version().get();
        }
        Ledger ledger = store.load().orElseGet(() -> Ledger.empty(job));
        Optional<Train> rolling = ledger.unfinished().stream()
                .filter(t -> t.service().equals(spec.service()))
                .findFirst();
        if (rolling.isPresent()) {
            // a daily train that was interrupted continues with the version it chose
            return rolling.get().version();
        }
        var selector = spec.versionFrom().orElseThrow();
        BakedVersion.Selection selection =
                BakedVersion.select(ledger, selector.environment(), selector.bakedFor(), now);
        if (selection.version().isEmpty()) {
            throw new AbortException(Messages.DeployTrainStep_noVersion(selection.why()));
        }
        logger().println("Deploy Train: " + selection.why());
        return selection.version().get();
    }

    /** The train file's approvers (names and groups), or null to leave it to the global list. */
    private static ApproverList approvers(SlackSettings settings) {
        List<String> names = new ArrayList<>(settings.approvers().names());
        names.addAll(settings.approvers().groups());
        names.sort(null);
        return names.isEmpty() ? null : new ApproverList(names);
    }

    /** The build's page, for the Slack thread's root message; empty when Jenkins does not know its own URL. */
    private static String link(Run<?, ?> run) {
        String root = Jenkins.get().getRootUrl();
        return root == null ? "" : root + run.getUrl();
    }

    @Override
    public void onResume() {
        if (stepper == null) {
            // the restart came between reading the train and admitting it: nothing was started yet
            getContext().onFailure(new AbortException(Messages.DeployTrainStep_restartedBeforeStart()));
            return;
        }
        BodyEnd unreported = bodyEnd;
        if (unreported != null) {
            deliver(unreported);
        } else {
            Timer.get().submit(() -> react((s, p) -> s.onResume(p)));
        }
    }

    @Override
    public void stop(Throwable cause) {
        Timer.get().submit(() -> {
            boolean bodyRunning;
            synchronized (this) {
                cancelTimer();
                bodyRunning = body != null && !body.isDone();
                recordStop(cause);
                endSlack();
                if (bodyRunning) {
                    stopping = true;
                    body.cancel(cause);
                }
            }
            if (!bodyRunning) {
                getContext().onFailure(cause);
            }
            // else the cancelled body's callback ends the step, once the body has really ended
        });
    }

    /** The train's id, once the train is admitted. */
    String trainId() {
        TrainStepper s = stepper;
        return s == null ? null : s.trainId();
    }

    /**
     * Called by {@link TrainRunAction} after it recorded an approval in the ledger: the stepper reads the
     * ledger again and carries on. A build without a live execution picks it up from the ledger when it runs.
     */
    public static void approvalRecorded(String trainId) {
        StepExecution.acceptAll(DeployTrainStepExecution.class, e -> {
            if (trainId.equals(e.trainId())) {
                Timer.get().submit(() -> e.react((s, p) -> s.onTimer(p)));
            }
        });
    }

    /**
     * A body's end as the callback saw it: what the stepper is told. Runs on the CPS VM thread, so it only
     * keeps the end (no lock, no I/O) and leaves the telling to a Timer task.
     *
     * @param planJson for a plan body, where it wrote its plan (TRAIN_PLAN_JSON); else null
     */
    private void bodySucceeded(String target, int attempt, String planJson) {
        BodyEnd end = new BodyEnd(target, attempt, planJson, null);
        bodyEnd = end;
        deliver(end);
    }

    /** Tells the stepper about a body's end, then forgets it (a restart before that tells it again). */
    private void deliver(BodyEnd end) {
        Timer.get()
                .submit(() -> react((s, p) -> {
                    body = null;
                    List<Command> next;
                    if (end.failure != null) {
                        next = s.onBodyFinished(p, end.target, end.attempt, BodyOutcome.failure(end.failure));
                    } else if (end.planJson == null) {
                        next = s.onBodyFinished(p, end.target, end.attempt, BodyOutcome.success());
                    } else {
                        next = handOverPlan(s, p, end.target, end.attempt, end.planJson);
                    }
                    if (bodyEnd == end) {
                        bodyEnd = null;
                    }
                    return next;
                }));
    }

    /** Reads the plan the body wrote in the workspace and hands its text to the stepper, which compares it. */
    private List<Command> handOverPlan(TrainStepper s, StepperPorts p, String target, int attempt, String planJson) {
        String text;
        try {
            FilePath file = getContext().get(FilePath.class).child(planJson);
            if (!file.exists()) {
                return s.onBodyFinished(
                        p, target, attempt, BodyOutcome.failure(Messages.TerraformTrainStep_noPlan(planJson)));
            }
            text = file.readToString();
        } catch (IOException e) {
            return s.onBodyFinished(
                    p,
                    target,
                    attempt,
                    BodyOutcome.failure(Messages.TerraformTrainStep_unreadablePlan(planJson, e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return s.onBodyFinished(
                    p,
                    target,
                    attempt,
                    BodyOutcome.failure(Messages.TerraformTrainStep_unreadablePlan(planJson, "interrupted")));
        }
        return s.onPlanReady(p, target, attempt, text);
    }

    /**
     * A body that failed because the build was aborted (the abort reaches the innermost step, inside the
     * body) or because {@link #stop} cancelled it ends the step: the train stops rather than waiting for
     * a retry. Any other failure is the deploy's, and the stepper decides what follows; that includes a
     * {@code timeout} or a rejected {@code input} inside the body, which interrupt only the body.
     */
    private void bodyFailed(String target, int attempt, Throwable t) {
        BodyEnd failedEnd = new BodyEnd(target, attempt, null, String.valueOf(t.getMessage()));
        if (!stopping && !abortsTheBuild(t)) {
            bodyEnd = failedEnd;
        }
        Timer.get().submit(() -> {
            boolean ends;
            synchronized (this) {
                body = null;
                ends = stopping || abortsTheBuild(t);
                if (ends && !stopping) {
                    cancelTimer();
                    recordStop(t);
                }
                if (ends) {
                    endSlack();
                }
            }
            if (ends) {
                getContext().onFailure(t);
            } else {
                deliver(failedEnd);
            }
        });
    }

    private static boolean abortsTheBuild(Throwable t) {
        return t instanceof FlowInterruptedException interrupted
                && (interrupted.getCauses().isEmpty()
                        || interrupted.getCauses().stream()
                                .anyMatch(c -> c instanceof CauseOfInterruption.UserInterruption));
    }

    private void recordStop(Throwable cause) {
        if (stepper == null) {
            return;
        }
        try {
            stepper.onStop(ports(), who(cause), why(cause));
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "could not record the stop of " + stepper.trainId(), e);
        }
    }

    /** One stepper event and the Jenkins calls for its commands; serialized, off the CPS VM thread. */
    private synchronized void react(BiFunction<TrainStepper, StepperPorts, List<Command>> event) {
        if (stepper == null) {
            return;
        }
        try {
            if (!getContext().get(Run.class).isBuilding()) {
                // a build killed hard leaves its execution behind: it must not take targets any more
                endSlack();
                return;
            }
            List<Command> commands = event.apply(stepper, ports());
            awaitingApproval = commands.stream().anyMatch(c -> c instanceof Command.AwaitApproval);
            for (Command command : commands) {
                dispatch(command);
            }
            if (awaitingApproval) {
                armSlackPoll(Duration.ZERO);
            } else {
                cancelSlackPoll();
            }
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "Deploy Train " + stepper.trainId() + " failed", e);
            getContext().onFailure(forConsole(e));
        }
    }

    /**
     * The engine's own errors (a bad fleet or train file, with every problem and its line; a ledger that
     * cannot be read or written) already say all a user needs: the console shows their message, no trace.
     */
    private static Throwable forConsole(Throwable t) {
        if (t instanceof ConfigException || t instanceof PlanException || t instanceof LedgerException) {
            return new AbortException("deployTrain: " + t.getMessage());
        }
        return t;
    }

    private void dispatch(Command command) throws IOException, InterruptedException {
        if (command instanceof Command.StartBody start) {
            String planJson =
                    start.phase() == BodyPhase.PLAN ? start.environment().get("TRAIN_PLAN_JSON") : null;
            logger().println(
                            switch (start.phase()) {
                                case PLAN -> Messages.TerraformTrainStep_planning(start.displayName(), start.attempt());
                                case APPLY ->
                                    Messages.TerraformTrainStep_applying(start.displayName(), start.attempt());
                                case DEPLOY -> Messages.DeployTrainStep_deploying(start.displayName(), start.attempt());
                            });
            if (planJson != null) {
                // a plan an earlier attempt left behind must not pass for this attempt's
                FilePath file = getContext().get(FilePath.class).child(planJson);
                file.delete();
                file.getParent().mkdirs();
            }
            body = getContext()
                    .newBodyInvoker()
                    .withContext(EnvironmentExpander.merge(
                            getContext().get(EnvironmentExpander.class),
                            EnvironmentExpander.constant(start.environment())))
                    .withDisplayName(start.environment().get("TRAIN_ENVIRONMENT") + "/"
                            + start.environment().get("TRAIN_ZONE"))
                    .withCallback(new TargetCallback(this, start.target(), start.attempt(), planJson))
                    .start();
        } else if (command instanceof Command.ScheduleTimer wait) {
            logger().println(Messages.DeployTrainStep_waiting(wait.at(), wait.reason()));
            arm(wait.at());
        } else if (command instanceof Command.AwaitApproval ask) {
            logger().println(awaitingLine(ask));
            printPlanToReview(ask.target());
        } else if (command instanceof Command.Complete) {
            cancelTimer();
            endSlack();
            Train train = JobLedgerStore.of(getContext().get(Run.class).getParent())
                    .load()
                    .flatMap(l -> l.train(stepper.trainId()))
                    .orElseThrow();
            getContext().onSuccess(new DeployTrainResult(train));
        } else if (command instanceof Command.Fail fail) {
            cancelTimer();
            endSlack();
            getContext()
                    .onFailure(new AbortException(Messages.DeployTrainStep_failed(stepper.trainId(), fail.error())));
        }
    }

    /**
     * The question with one link per choice, each a POST (with the crumb, like the {@code input} step's
     * links) to the build page's approval endpoint, which checks the Approve permission and approver list.
     */
    private String awaitingLine(Command.AwaitApproval ask) throws IOException, InterruptedException {
        String page = "/" + getContext().get(Run.class).getUrl() + "deploy-train/";
        String target =
                ask.target() == null ? "" : "&target=" + URLEncoder.encode(ask.target(), StandardCharsets.UTF_8);
        String links = ask.choices().stream()
                .map(c -> POSTHyperlinkNote.encodeTo(
                        page + "approve?action=" + URLEncoder.encode(c.json(), StandardCharsets.UTF_8) + target,
                        c.json()))
                .collect(Collectors.joining(" "));
        return Messages.DeployTrainStep_awaitingChoices(
                ask.reason(), links, HyperlinkNote.encodeTo(page, "the build page"));
    }

    /** Starts reading the Slack thread's replies, unless a read is already scheduled or there is no thread. */
    private void armSlackPoll(Duration firstIn) {
        if (slack != null && slackPoll == null) {
            slackPoll = Timer.get().schedule(this::pollSlack, firstIn.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void cancelSlackPoll() {
        if (slackPoll != null) {
            slackPoll.cancel(false);
            slackPoll = null;
        }
    }

    /** The step ends or the build is gone: no more reads, the last messages still go out. */
    private void endSlack() {
        cancelSlackPoll();
        awaitingApproval = false;
        if (slack != null) {
            slack.closeWhenSent();
            slack = null;
        }
    }

    /**
     * One read of the train's Slack thread, on {@link Timer}: the HTTP call happens outside this object's
     * monitor (a slow Slack must not hold the train's events), each approval found is one stepper event,
     * and the next read is scheduled while the train still waits.
     */
    private void pollSlack() {
        TrainSlack thread;
        String trainId;
        synchronized (this) {
            slackPoll = null;
            if (!awaitingApproval || slack == null || stepper == null) {
                return;
            }
            thread = slack;
            trainId = stepper.trainId();
        }
        Duration again = Duration.ofSeconds(30);
        try {
            TrainSlack.Replies replies =
                    thread.replies(trainId, slackApprovers(getContext().get(Run.class)));
            again = replies.pollAgainIn();
            for (Approval approval : replies.approvals()) {
                react((s, p) -> applySlackApproval(s, p, approval));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not read the Slack thread of train " + trainId, e);
        }
        synchronized (this) {
            if (awaitingApproval && slack == thread && slackPoll == null) {
                slackPoll = Timer.get().schedule(this::pollSlack, again.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Who may approve from Slack: the Slack users mapped to Jenkins users (the global map, with the train
     * file's {@code approvers.slack} on top) whose Jenkins user may approve this job's train, by the same
     * rules as the build page (Approve permission, then the train's or the global approver list).
     */
    private ApproverPolicy slackApprovers(Run<?, ?> run) {
        Map<String, String> users =
                new LinkedHashMap<>(DeployTrainGlobalConfiguration.get().getSlackUserMap());
        users.putAll(trainSlackSettings().approvers().slackUsers());
        Job<?, ?> job = run.getParent();
        TrainRunAction action = run.getAction(TrainRunAction.class);
        ApproverList list = action != null
                ? action.getApproverList()
                : DeployTrainGlobalConfiguration.get().getApproverList();
        Set<String> allowed = users.values().stream()
                .distinct()
                .filter(user -> ApproverCheck.mayApprove(job, list, user))
                .collect(Collectors.toSet());
        return new ApproverPolicy(allowed, Set.of(), users, Map.of());
    }

    /**
     * An approval read from Slack, recorded like one from the build page. One that does not fit the train's
     * state (a {@code retry} of a target that did not fail) is refused with the engine's reason, in the log
     * and the thread, and the train goes on waiting.
     */
    private List<Command> applySlackApproval(TrainStepper s, StepperPorts p, Approval approval) {
        try {
            return s.onApproval(p, approval);
        } catch (IllegalArgumentException refused) {
            String text = Messages.DeployTrainStep_slackRefused(
                    approval.by(),
                    approval.action().json() + (approval.target() == null ? "" : " " + approval.target()),
                    refused.getMessage());
            try {
                logger().println("Deploy Train: " + text);
            } catch (IOException | InterruptedException e) {
                LOGGER.log(Level.FINE, "no build log for " + text, e);
            }
            if (slack != null) {
                slack.say(s.trainId(), text);
            }
            return s.onTimer(p);
        }
    }

    /** A terraform target waiting with its plan: the diff the ledger keeps, in the console too. */
    private void printPlanToReview(String target) throws IOException, InterruptedException {
        if (!terraform || target == null) {
            return;
        }
        Optional<TerraformRecord> waiting = JobLedgerStore.of(
                        getContext().get(Run.class).getParent())
                .load()
                .flatMap(l -> l.train(stepper.trainId()))
                .flatMap(t -> t.target(target))
                .map(TargetRecord::terraform)
                .filter(TerraformRecord::awaitingReview);
        if (waiting.isPresent()) {
            PlanRecord plan = waiting.get().plan();
            PrintStream log = logger();
            log.println(
                    plan.comparedWith() == null
                            ? Messages.TerraformTrainStep_changes(target)
                            : Messages.TerraformTrainStep_diff(target, plan.comparedWith()));
            plan.diff().forEach(line -> log.println("    " + line));
        }
    }

    private void arm(Instant at) {
        cancelTimer();
        timerAt = at;
        long delay = Math.max(0, Duration.between(Instant.now(), at).toMillis());
        timer = Timer.get().schedule(() -> react((s, p) -> s.onTimer(p)), delay, TimeUnit.MILLISECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        timerAt = null;
    }

    private StepperPorts ports() throws IOException, InterruptedException {
        if (planned == null) {
            planned = definition.plan();
        }
        Run<?, ?> run = getContext().get(Run.class);
        if (gates == null) {
            gates = BuildMonitoring.of(DeployTrainGlobalConfiguration.get(), run)
                    .gateRunner(definition.gates());
        }
        PrintStream log = logger();
        if (!slackOpened) {
            slackOpened = true;
            slack = reopenSlack(run, log);
        }
        TrainSlack thread = slack;
        Notifier notifier = (train, message) -> {
            log.println("Deploy Train: " + message);
            if (thread != null) {
                thread.notifier().notify(train, message);
            }
        };
        return new StepperPorts(
                JobLedgerStore.of(run.getParent()),
                Clock.systemUTC(),
                gates,
                notifier,
                planned.windows(),
                BuildWorkers.of(run.getParent()),
                RECHECK,
                LEASE_TIME,
                terraform ? plans(run) : PlanArchive.NONE);
    }

    /**
     * Plan bodies write to {@code .deploy-train/plans/} in the workspace (an absolute path, so a body may
     * change directory); the plans read are kept in the job's folder, next to its ledger, for later diffs.
     */
    private PlanArchive plans(Run<?, ?> run) throws IOException, InterruptedException {
        FilePath workspace = getContext().get(FilePath.class);
        return new DirectoryPlanArchive(
                new File(run.getParent().getRootDir(), "deploy-train/plans").toPath(),
                workspace.child(".deploy-train/plans").getRemote());
    }

    /**
     * After a restart: the same channel and token as when the build started, resolved again (the token is
     * never kept). A Slack that can no longer be used costs the thread, not the train.
     */
    private TrainSlack reopenSlack(Run<?, ?> run, PrintStream log) {
        try {
            return SlackSetup.resolve(
                            slackChannel,
                            slackCredentialsId,
                            trainSlackSettings(),
                            DeployTrainGlobalConfiguration.get(),
                            run)
                    .map(setup -> TrainSlack.open(setup, run.getParent(), link(run), log::println))
                    .orElse(null);
        } catch (AbortException e) {
            log.println(Messages.DeployTrainStep_slackUnavailable(e.getMessage()));
            return null;
        }
    }

    /** The train file's {@code slack} and {@code approvers}, read once per (resumed) execution. */
    private SlackSettings trainSlackSettings() {
        if (slackSettings == null) {
            slackSettings = definition.slack();
        }
        return slackSettings;
    }

    private PrintStream logger() throws IOException, InterruptedException {
        return getContext().get(TaskListener.class).getLogger();
    }

    /** The user who aborted the build, as Jenkins recorded it, else the build itself. */
    private String who(Throwable cause) throws IOException, InterruptedException {
        if (cause instanceof FlowInterruptedException interrupted) {
            for (CauseOfInterruption c : interrupted.getCauses()) {
                if (c instanceof CauseOfInterruption.UserInterruption user) {
                    return user.getUserId();
                }
            }
        }
        return getContext().get(Run.class).getExternalizableId();
    }

    private static String why(Throwable cause) {
        if (cause instanceof FlowInterruptedException interrupted
                && !interrupted.getCauses().isEmpty()) {
            return interrupted.getCauses().get(0).getShortDescription();
        }
        return String.valueOf(cause.getMessage());
    }

    @Override
    public String getStatus() {
        TrainStepper s = stepper;
        if (s == null) {
            return "reading the train";
        }
        return "train " + s.trainId() + (timerAt == null ? "" : ", waiting until " + timerAt);
    }

    /**
     * A body's end, as the program keeps it: a plain class rather than a record, since the CPS program is
     * written with JBoss Marshalling.
     */
    private static final class BodyEnd implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String target;
        private final int attempt;
        private final String planJson;
        /** The body's failure, null when it succeeded. */
        private final String failure;

        BodyEnd(String target, int attempt, String planJson, String failure) {
            this.target = target;
            this.attempt = attempt;
            this.planJson = planJson;
            this.failure = failure;
        }
    }

    /**
     * Reports one body's end to the execution. It holds the execution itself, as the CPS program
     * serializes both in one graph, so after a restart it reaches the resumed execution.
     */
    private static final class TargetCallback extends BodyExecutionCallback {

        private static final long serialVersionUID = 1L;

        private final DeployTrainStepExecution execution;
        private final String target;
        private final int attempt;
        /** Where a plan body writes its plan; null for any other body. */
        private final String planJson;

        TargetCallback(DeployTrainStepExecution execution, String target, int attempt, String planJson) {
            this.execution = execution;
            this.target = target;
            this.attempt = attempt;
            this.planJson = planJson;
        }

        @Override
        public void onSuccess(StepContext context, Object result) {
            execution.bodySucceeded(target, attempt, planJson);
        }

        @Override
        public void onFailure(StepContext context, Throwable t) {
            execution.bodyFailed(target, attempt, t);
        }
    }
}

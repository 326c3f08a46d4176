package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.console.HyperlinkNote;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.gate.PrometheusClient;
import io.jenkins.plugins.deploytrain.jenkins.concurrent.BlockingWork;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
import io.jenkins.plugins.deploytrain.jenkins.gate.ControllerHttp;
import io.jenkins.plugins.deploytrain.shadow.ActiveRules;
import io.jenkins.plugins.deploytrain.shadow.JsonlPairReader;
import io.jenkins.plugins.deploytrain.shadow.MetricVerdict;
import io.jenkins.plugins.deploytrain.shadow.ObservationWindow;
import io.jenkins.plugins.deploytrain.shadow.PrometheusDiscrepancySource;
import io.jenkins.plugins.deploytrain.shadow.RulesFile;
import io.jenkins.plugins.deploytrain.shadow.ShadowComparison;
import io.jenkins.plugins.deploytrain.shadow.ShadowLook;
import io.jenkins.plugins.deploytrain.shadow.ShadowVerdict;
import io.jenkins.plugins.deploytrain.shadow.VerdictCollector;
import io.jenkins.plugins.deploytrain.shadow.VerdictText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.CauseOfInterruption;
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
    private static final Duration PROMETHEUS_TIMEOUT = Duration.ofSeconds(30);

    private final String id = UUID.randomUUID().toString();
    private final ShadowGateSettings settings;
    private Instant end;
    private Duration interval;
    private Instant nextLook;
    private boolean awaitingDecision;
    private boolean finished;

    private transient BlockingWork.Scheduled timer;
    /** One client for every look of the window; made on first use (again after a restart), shut down at the end. */
    private transient HttpClient http;
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
     * The transient state after the program is read back (a restart): no timer ({@link #onResume()} arms the next
     * look), no client (the next look makes one), and the next look is logged whatever it says.
     */
    private Object readResolve() {
        synchronized (this) {
            timer = null;
            http = null;
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
        arm(Duration.ZERO);
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
        arm(Duration.between(Instant.now(), at));
    }

    @Override
    public void stop(Throwable cause) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        endTimerAndClient();
        boolean accepted = offPool(() -> {
            try {
                Run<?, ?> run = getContext().get(Run.class);
                ShadowGateAction action = run == null ? null : run.getAction(ShadowGateAction.class);
                if (action != null) {
                    action.withdraw(id);
                }
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
    private void arm(Duration delay) {
        synchronized (this) {
            if (finished) {
                return;
            }
            timer = BlockingWork.get().schedule(this::look, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
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
            Observed observed = observe();
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
                arm(Duration.between(now, watch.at()));
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

    /** The look and what to print of it once the gate is decided: the verdict's top differences, or the reading. */
    private record Observed(ShadowLook look, String details) {
        void printTo(PrintStream log) {
            log.print(details);
        }
    }

    private Observed observe() throws IOException, InterruptedException {
        if (settings.pairs != null) {
            ShadowVerdict verdict;
            try {
                verdict = comparePairs();
            } catch (AbortException badRules) {
                throw badRules;
            } catch (IOException e) {
                // the agent went away (or is not back yet after a restart): looked at again until the end
                return unavailable(Messages.ShadowGateStep_unreadable(settings.pairs, e.getMessage()));
            }
            return verdict == null
                    ? unavailable(Messages.ShadowGateStep_notYet(settings.pairs))
                    : new Observed(ShadowLook.of(verdict), VerdictText.of(verdict));
        }
        PrometheusDiscrepancySource source = prometheus();
        MetricVerdict verdict;
        try {
            verdict = MetricVerdict.of(source.read(), settings.thresholds());
        } catch (IOException e) {
            // Prometheus unreachable or the query refused: logged, and looked at again until the end
            return unavailable(e.getMessage());
        }
        ShadowLook look = ShadowLook.of(verdict);
        String details = "shadowGate: " + look.summary()
                + (verdict.passed() ? "" : " (" + String.join("; ", verdict.failures()) + ")") + "\n";
        return new Observed(look, details);
    }

    private static Observed unavailable(String reason) {
        return new Observed(ShadowLook.unavailable(reason), "shadowGate: " + reason + "\n");
    }

    /**
     * @return null while the recorder has not created the pairs file yet
     * @throws AbortException when the rules file is missing or invalid: nothing to wait for
     */
    private ShadowVerdict comparePairs() throws IOException, InterruptedException {
        FilePath workspace = getContext().get(FilePath.class);
        if (workspace == null) {
            throw new IOException(Messages.ShadowGateStep_noWorkspace());
        }
        FilePath rulesFile = workspace.child(settings.rules);
        if (!rulesFile.exists()) {
            throw new AbortException(Messages.ShadowGateStep_noFile(settings.rules, workspace.getRemote()));
        }
        ActiveRules active;
        try {
            active = RulesFile.parse(settings.rules, rulesFile.readToString())
                    .activeFor(Optional.ofNullable(settings.shadowVersion));
        } catch (ConfigException e) {
            throw new AbortException("shadowGate: " + e.getMessage());
        }
        FilePath pairsFile = workspace.child(settings.pairs);
        if (!pairsFile.exists()) {
            return null;
        }
        VerdictCollector collector =
                new VerdictCollector(active, settings.thresholds(), ShadowComparison.DEFAULT_SAMPLES);
        try (InputStream in = pairsFile.read()) {
            new JsonlPairReader().read(in, collector);
        }
        return collector.verdict();
    }

    private PrometheusDiscrepancySource prometheus() throws AbortException {
        String url = DeployTrainGlobalConfiguration.get().getPrometheusUrl();
        if (url == null) {
            throw new AbortException(Messages.ShadowGateStep_noPrometheus());
        }
        return PrometheusDiscrepancySource.using(
                new PrometheusClient(URI.create(url), http(), PROMETHEUS_TIMEOUT),
                Clock.systemUTC(),
                settings.comparedQuery,
                settings.prometheus);
    }

    /** The execution's client, made on first use: a fresh execution and one resumed after a restart alike. */
    private synchronized HttpClient http() throws AbortException {
        if (finished) {
            throw new AbortException(Messages.ShadowGateStep_ended());
        }
        if (http == null) {
            http = ControllerHttp.newClient(PROMETHEUS_TIMEOUT);
        }
        return http;
    }

    /** The gate failed and a person decides: the build page offers proceed and abort. */
    private void pause(String why) throws IOException, InterruptedException {
        synchronized (this) {
            if (finished) {
                return;
            }
            awaitingDecision = true;
        }
        endTimerAndClient(); // nothing to look at while a person decides
        Run<?, ?> run = getContext().get(Run.class);
        ShadowGateAction.on(run).await(id, settings.source(), why);
        getContext().saveState();
        logger().println(why);
        logger().println(Messages.ShadowGateStep_paused(HyperlinkNote.encodeTo(
                "/" + run.getUrl() + ShadowGateAction.URL_NAME, Messages.ShadowGateStep_page())));
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
            Run<?, ?> run = getContext().get(Run.class);
            ShadowGateAction action = run == null ? null : run.getAction(ShadowGateAction.class);
            ShadowGateAction.Gate gate = action == null ? null : action.gate(id);
            if (gate == null || !gate.isDecided()) {
                return;
            }
            synchronized (this) {
                if (finished || !awaitingDecision) {
                    return;
                }
                awaitingDecision = false;
            }
            logger().println(Messages.ShadowGateStep_decided(gate.getDecision(), gate.getBy(), gate.describeReason()));
            if (gate.isProceed()) {
                finish(null);
            } else {
                finish(new FlowInterruptedException(
                        Result.ABORTED, true, new CauseOfInterruption.UserInterruption(gate.getBy())));
            }
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
        endTimerAndClient();
        if (failure == null) {
            getContext().onSuccess(null);
        } else {
            getContext().onFailure(failure);
        }
    }

    private void endTimerAndClient() {
        BlockingWork.Scheduled t;
        HttpClient client;
        synchronized (this) {
            t = timer;
            client = http;
            timer = null;
            http = null;
        }
        if (t != null) {
            t.cancel();
        }
        if (client != null) {
            // lets a look in flight complete (its answer is then ignored) without waiting for it here
            client.shutdown();
        }
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

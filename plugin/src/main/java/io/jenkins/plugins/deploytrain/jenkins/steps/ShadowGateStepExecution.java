package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.console.HyperlinkNote;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.gate.PrometheusClient;
import io.jenkins.plugins.deploytrain.jenkins.config.DeployTrainGlobalConfiguration;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.CauseOfInterruption;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.AbstractStepExecutionImpl;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Watches the shadow on {@link Timer}, never on the CPS VM thread: each look reads the source (streams
 * the pairs file, or queries Prometheus) and the engine's {@link ObservationWindow} says what follows.
 * The window's end and the next look are absolute instants kept in the execution, so a restart re-arms
 * the same schedule in {@link #onResume()}. A pause waits for {@link ShadowGateAction} to deliver a
 * decision; the decision is also written to the build first, so one made while the controller restarts
 * is picked up on resume.
 */
public class ShadowGateStepExecution extends AbstractStepExecutionImpl {

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

    private transient Future<?> timer;
    /** Only a changed look is logged, so a long window does not flood the log. */
    private transient String lastSummary;

    ShadowGateStepExecution(StepContext context, ShadowGateSettings settings) {
        super(context);
        this.settings = settings;
    }

    String id() {
        return id;
    }

    @Override
    public boolean start() throws Exception {
        ObservationWindow window = ObservationWindow.starting(Instant.now(), settings.window);
        synchronized (this) {
            end = window.end();
            interval = window.interval();
            nextLook = Instant.now();
        }
        if (!settings.window.isZero()) {
            logger().println(Messages.ShadowGateStep_watching(settings.source(), end));
        }
        arm(Duration.ZERO);
        return false;
    }

    @Override
    public void onResume() {
        synchronized (this) {
            if (finished) {
                return;
            }
            if (awaitingDecision) {
                Timer.get().submit(this::decisionFromBuild);
                return;
            }
        }
        arm(Duration.between(Instant.now(), nextLook));
    }

    @Override
    public void stop(Throwable cause) {
        synchronized (this) {
            finished = true;
            if (timer != null) {
                timer.cancel(false);
            }
        }
        Timer.get().submit(() -> {
            try {
                ShadowGateAction action = getContext().get(Run.class).getAction(ShadowGateAction.class);
                if (action != null) {
                    action.withdraw(id);
                }
            } catch (IOException | InterruptedException e) {
                LOGGER.log(Level.FINE, "could not withdraw the pending shadow gate " + id, e);
            }
            getContext().onFailure(cause);
        });
    }

    private synchronized void arm(Duration delay) {
        long millis = Math.max(0, delay.toMillis());
        timer = Timer.get().schedule(this::look, millis, TimeUnit.MILLISECONDS);
    }

    /** One look at the source, then the engine's word on what follows. */
    private void look() {
        synchronized (this) {
            if (finished || awaitingDecision) {
                return;
            }
        }
        try {
            Observed observed = observe();
            Instant now = Instant.now();
            ObservationWindow.Outcome outcome = new ObservationWindow(end, interval).judge(now, observed.look());
            if (outcome instanceof ObservationWindow.Outcome.Watch watch) {
                if (!observed.look().summary().equals(lastSummary)) {
                    lastSummary = observed.look().summary();
                    logger().println(Messages.ShadowGateStep_look(observed.look().summary(), end));
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

    /** The look and what to print of it once the gate is decided: the verdict's top differences, or the reading. */
    private record Observed(ShadowLook look, String details) {
        void printTo(PrintStream log) {
            log.print(details);
        }
    }

    private Observed observe() throws IOException, InterruptedException {
        if (settings.pairs != null) {
            ShadowVerdict verdict = comparePairs();
            return verdict == null
                    ? new Observed(
                            ShadowLook.unavailable(Messages.ShadowGateStep_notYet(settings.pairs)),
                            Messages.ShadowGateStep_notYet(settings.pairs) + "\n")
                    : new Observed(ShadowLook.of(verdict), VerdictText.of(verdict));
        }
        MetricVerdict verdict;
        try {
            verdict = MetricVerdict.of(prometheus().read(), settings.thresholds());
        } catch (IOException e) {
            // Prometheus unreachable or the query refused: logged, and looked at again until the end
            String reason = e.getMessage();
            return new Observed(ShadowLook.unavailable(reason), "shadowGate: " + reason + "\n");
        }
        ShadowLook look = ShadowLook.of(verdict);
        String details = "shadowGate: " + look.summary()
                + (verdict.passed() ? "" : " (" + String.join("; ", verdict.failures()) + ")") + "\n";
        return new Observed(look, details);
    }

    /** @return null while the recorder has not created the pairs file yet */
    private ShadowVerdict comparePairs() throws IOException, InterruptedException {
        FilePath workspace = getContext().get(FilePath.class);
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
                new PrometheusClient(URI.create(url), PROMETHEUS_TIMEOUT),
                Clock.systemUTC(),
                settings.comparedQuery,
                settings.prometheus);
    }

    /** The gate failed and a person decides: the build page offers proceed and abort. */
    private void pause(String why) throws IOException, InterruptedException {
        synchronized (this) {
            if (finished) {
                return;
            }
            awaitingDecision = true;
        }
        Run<?, ?> run = getContext().get(Run.class);
        ShadowGateAction.on(run).await(id, settings.source(), why);
        getContext().saveState();
        logger().println(why);
        logger().println(Messages.ShadowGateStep_paused(
                HyperlinkNote.encodeTo("/" + run.getUrl() + ShadowGateAction.URL_NAME, Messages.ShadowGateStep_page())));
    }

    /**
     * Called by {@link ShadowGateAction} once it has written the decision to the build: the live
     * execution of that gate, if any, carries it out.
     */
    static void decided(String gateId) {
        StepExecution.acceptAll(ShadowGateStepExecution.class, e -> {
            if (e.id.equals(gateId)) {
                Timer.get().submit(e::decisionFromBuild);
            }
        });
    }

    private void decisionFromBuild() {
        try {
            ShadowGateAction action = getContext().get(Run.class).getAction(ShadowGateAction.class);
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

    private void finish(Throwable failure) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        if (failure == null) {
            getContext().onSuccess(null);
        } else {
            getContext().onFailure(failure);
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

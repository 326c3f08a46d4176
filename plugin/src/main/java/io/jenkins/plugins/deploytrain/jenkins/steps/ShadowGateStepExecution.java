package io.jenkins.plugins.deploytrain.jenkins.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.TaskListener;
import io.jenkins.plugins.deploytrain.config.ConfigException;
import io.jenkins.plugins.deploytrain.shadow.ActiveRules;
import io.jenkins.plugins.deploytrain.shadow.JsonlPairReader;
import io.jenkins.plugins.deploytrain.shadow.RulesFile;
import io.jenkins.plugins.deploytrain.shadow.ShadowComparison;
import io.jenkins.plugins.deploytrain.shadow.ShadowVerdict;
import io.jenkins.plugins.deploytrain.shadow.Thresholds;
import io.jenkins.plugins.deploytrain.shadow.VerdictCollector;
import io.jenkins.plugins.deploytrain.shadow.VerdictText;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Future;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.AbstractStepExecutionImpl;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Runs the comparison on {@link Timer}, off the CPS VM thread (it streams the whole pairs file). The
 * comparison is a pure function of the two files, so after a restart it simply runs again.
 */
public class ShadowGateStepExecution extends AbstractStepExecutionImpl {

    private static final long serialVersionUID = 1L;

    private final String pairs;
    private final String rules;
    private final Integer maxUnexpected;
    private final String shadowVersion;

    private transient Future<?> task;

    ShadowGateStepExecution(StepContext context, String pairs, String rules, Integer maxUnexpected, String shadowVersion) {
        super(context);
        this.pairs = pairs;
        this.rules = rules;
        this.maxUnexpected = maxUnexpected;
        this.shadowVersion = shadowVersion;
    }

    @Override
    public boolean start() {
        task = Timer.get().submit(this::compare);
        return false;
    }

    @Override
    public void onResume() {
        task = Timer.get().submit(this::compare);
    }

    @Override
    public void stop(Throwable cause) {
        if (task != null) {
            task.cancel(true);
        }
        getContext().onFailure(cause);
    }

    private void compare() {
        try {
            ShadowVerdict verdict = verdict();
            getContext().get(TaskListener.class).getLogger().print(VerdictText.of(verdict));
            if (verdict.passed()) {
                getContext().onSuccess(null);
            } else {
                getContext().onFailure(new AbortException(
                        Messages.ShadowGateStep_failed(pairs, String.join("; ", verdict.failures()))));
            }
        } catch (Throwable t) {
            getContext().onFailure(t);
        }
    }

    private ShadowVerdict verdict() throws IOException, InterruptedException {
        if (pairs == null || rules == null) {
            throw new AbortException(Messages.ShadowGateStep_needsFiles());
        }
        FilePath workspace = getContext().get(FilePath.class);
        FilePath rulesFile = existing(workspace, rules);
        FilePath pairsFile = existing(workspace, pairs);
        ActiveRules active;
        Thresholds thresholds;
        try {
            active = RulesFile.parse(rules, rulesFile.readToString()).activeFor(Optional.ofNullable(shadowVersion));
            thresholds = new Thresholds(
                    maxUnexpected == null ? OptionalLong.empty() : OptionalLong.of(maxUnexpected),
                    OptionalDouble.empty(),
                    OptionalLong.empty());
        } catch (ConfigException | IllegalArgumentException e) {
            throw new AbortException("shadowGate: " + e.getMessage());
        }
        VerdictCollector collector = new VerdictCollector(active, thresholds, ShadowComparison.DEFAULT_SAMPLES);
        try (InputStream in = pairsFile.read()) {
            new JsonlPairReader().read(in, collector);
        }
        return collector.verdict();
    }

    private static FilePath existing(FilePath workspace, String path) throws IOException, InterruptedException {
        FilePath file = workspace.child(path);
        if (!file.exists()) {
            throw new AbortException(Messages.ShadowGateStep_noFile(path, workspace.getRemote()));
        }
        return file;
    }

    @Override
    public String getStatus() {
        return "comparing " + pairs + " with the rules " + rules;
    }
}

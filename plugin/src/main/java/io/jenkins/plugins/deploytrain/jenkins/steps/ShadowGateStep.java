package io.jenkins.plugins.deploytrain.jenkins.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code shadowGate(pairs: 'shadow-pairs.jsonl', rules: 'shadow-rules.yaml', duration: '30m')} or
 * {@code shadowGate(prometheus: '<discrepancy query>', comparedQuery: '<compared query>', duration: '30m')}:
 * watches the shadow for the duration with the engine's shadow comparison and passes when the window ends
 * clean; a breach fails the build with the top unexpected differences in the log, or, with
 * {@code onFailure: 'pause'}, waits for a person to proceed or abort on the build page.
 */
public class ShadowGateStep extends Step {

    static final String FAIL = "fail";
    static final String PAUSE = "pause";

    @CheckForNull
    private String pairs;

    @CheckForNull
    private String prometheus;

    @CheckForNull
    private String comparedQuery;

    @CheckForNull
    private String rules;

    @CheckForNull
    private String duration;

    @CheckForNull
    private String onFailure;

    @CheckForNull
    private Integer maxUnexpected;

    @CheckForNull
    private Double maxUnexpectedRate;

    @CheckForNull
    private String shadowVersion;

    @DataBoundConstructor
    public ShadowGateStep() {}

    /** Recorded pairs, JSON Lines, relative to the workspace; the recorder may still be appending to it. */
    @CheckForNull
    public String getPairs() {
        return pairs;
    }

    @DataBoundSetter
    public void setPairs(@CheckForNull String pairs) {
        this.pairs = Util.fixEmptyAndTrim(pairs);
    }

    /** PromQL counting the requests that differed (the shadow compares on its own and exports counters). */
    @CheckForNull
    public String getPrometheus() {
        return prometheus;
    }

    @DataBoundSetter
    public void setPrometheus(@CheckForNull String prometheus) {
        this.prometheus = Util.fixEmptyAndTrim(prometheus);
    }

    /** PromQL counting the requests the shadow compared, over the same range as {@link #getPrometheus()}. */
    @CheckForNull
    public String getComparedQuery() {
        return comparedQuery;
    }

    @DataBoundSetter
    public void setComparedQuery(@CheckForNull String comparedQuery) {
        this.comparedQuery = Util.fixEmptyAndTrim(comparedQuery);
    }

    /** Known-discrepancy rules, YAML, relative to the workspace; for recorded pairs. */
    @CheckForNull
    public String getRules() {
        return rules;
    }

    @DataBoundSetter
    public void setRules(@CheckForNull String rules) {
        this.rules = Util.fixEmptyAndTrim(rules);
    }

    /** How long to watch ({@code 30m}, {@code 1h}, {@code PT45M}); none or {@code 0} judges once, at once. */
    @CheckForNull
    public String getDuration() {
        return duration;
    }

    @DataBoundSetter
    public void setDuration(@CheckForNull String duration) {
        this.duration = Util.fixEmptyAndTrim(duration);
    }

    /** {@code fail} (the default) or {@code pause}: wait for a person to proceed or abort. */
    @CheckForNull
    public String getOnFailure() {
        return onFailure;
    }

    @DataBoundSetter
    public void setOnFailure(@CheckForNull String onFailure) {
        String given = Util.fixEmptyAndTrim(onFailure);
        this.onFailure = FAIL.equals(given) ? null : given;
    }

    @CheckForNull
    public Integer getMaxUnexpected() {
        return maxUnexpected;
    }

    /** Most unexpected pairs (or discrepancies, for Prometheus) that still pass; 0 when neither threshold is given. */
    @DataBoundSetter
    public void setMaxUnexpected(@CheckForNull Integer maxUnexpected) {
        this.maxUnexpected = maxUnexpected;
    }

    @CheckForNull
    public Double getMaxUnexpectedRate() {
        return maxUnexpectedRate;
    }

    /** Largest share (0 to 1) of compared requests that may differ unexpectedly. */
    @DataBoundSetter
    public void setMaxUnexpectedRate(@CheckForNull Double maxUnexpectedRate) {
        this.maxUnexpectedRate = maxUnexpectedRate;
    }

    @CheckForNull
    public String getShadowVersion() {
        return shadowVersion;
    }

    /** The version the shadow runs: rules whose {@code expires} is older no longer apply. */
    @DataBoundSetter
    public void setShadowVersion(@CheckForNull String shadowVersion) {
        this.shadowVersion = Util.fixEmptyAndTrim(shadowVersion);
    }

    @Override
    public StepExecution start(StepContext context) throws AbortException {
        return new ShadowGateStepExecution(context, ShadowGateSettings.of(this));
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "shadowGate";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ShadowGateStep_displayName();
        }

        /**
         * No {@link hudson.FilePath}: a Prometheus source needs no workspace, so {@code shadowGate} outside
         * {@code node} holds no executor while it watches; recorded pairs check for the workspace when they start.
         */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        public ListBoxModel doFillOnFailureItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.ShadowGateStep_onFailure_fail(), FAIL);
            items.add(Messages.ShadowGateStep_onFailure_pause(), PAUSE);
            return items;
        }
    }
}

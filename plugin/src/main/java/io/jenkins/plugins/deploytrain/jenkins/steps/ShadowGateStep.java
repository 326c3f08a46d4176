package io.jenkins.plugins.deploytrain.jenkins.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code shadowGate(pairs: 'shadow-pairs.jsonl', rules: 'shadow-rules.yaml')}: the engine's shadow
 * comparison of recorded primary/shadow answer pairs, accepting the known discrepancies of a rules file;
 * passes, or fails the build with the top unexpected differences in the log.
 */
public class ShadowGateStep extends Step {

    private final String pairs;
    private final String rules;

    @CheckForNull
    private Integer maxUnexpected;

    @CheckForNull
    private String shadowVersion;

    @DataBoundConstructor
    public ShadowGateStep(String pairs, String rules) {
        this.pairs = Util.fixEmptyAndTrim(pairs);
        this.rules = Util.fixEmptyAndTrim(rules);
    }

    /** Recorded pairs, JSON Lines, relative to the workspace. */
    public String getPairs() {
        return pairs;
    }

    /** Known-discrepancy rules, YAML, relative to the workspace. */
    public String getRules() {
        return rules;
    }

    @CheckForNull
    public Integer getMaxUnexpected() {
        return maxUnexpected;
    }

    /** Most unexpected pairs that still pass; 0 when not given. */
    @DataBoundSetter
    public void setMaxUnexpected(@CheckForNull Integer maxUnexpected) {
        this.maxUnexpected = maxUnexpected;
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
    public StepExecution start(StepContext context) {
        return new ShadowGateStepExecution(context, pairs, rules, maxUnexpected, shadowVersion);
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

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(TaskListener.class, FilePath.class);
        }
    }
}

package io.jenkins.plugins.deploytrain.jenkins.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code deployTrain(train: 'train.yaml') { body }} or {@code deployTrain(service: 'api', version: '1.2',
 * fleet: 'fleet.yaml') { body }}: rolls one release across the fleet; the body is the deploy of one
 * target and runs once per target. Every decision is the engine's {@code TrainStepper}.
 */
public class DeployTrainStep extends Step {

    @CheckForNull
    private String train;

    @CheckForNull
    private String fleet;

    @CheckForNull
    private String service;

    @CheckForNull
    private String version;

    @DataBoundConstructor
    public DeployTrainStep() {}

    @CheckForNull
    public String getTrain() {
        return train;
    }

    /** Path of the train file, relative to the workspace. */
    @DataBoundSetter
    public void setTrain(@CheckForNull String train) {
        this.train = Util.fixEmptyAndTrim(train);
    }

    @CheckForNull
    public String getFleet() {
        return fleet;
    }

    /** Path of the fleet file, relative to the workspace; overrides the train file's {@code fleet}. */
    @DataBoundSetter
    public void setFleet(@CheckForNull String fleet) {
        this.fleet = Util.fixEmptyAndTrim(fleet);
    }

    @CheckForNull
    public String getService() {
        return service;
    }

    @DataBoundSetter
    public void setService(@CheckForNull String service) {
        this.service = Util.fixEmptyAndTrim(service);
    }

    @CheckForNull
    public String getVersion() {
        return version;
    }

    @DataBoundSetter
    public void setVersion(@CheckForNull String version) {
        this.version = Util.fixEmptyAndTrim(version);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new DeployTrainStepExecution(context, this);
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "deployTrain";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.DeployTrainStep_displayName();
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class);
        }
    }
}

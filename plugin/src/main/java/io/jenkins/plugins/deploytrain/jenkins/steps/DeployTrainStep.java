package io.jenkins.plugins.deploytrain.jenkins.steps;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.deploytrain.notify.SlackSettings;
import java.util.List;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

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

    @CheckForNull
    private String slackChannel;

    @CheckForNull
    private String slackCredentialsId;

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

    @CheckForNull
    public String getSlackChannel() {
        return slackChannel;
    }

    /** The train's Slack channel; overrides the train file's {@code slack.channel} and the global default. */
    @DataBoundSetter
    public void setSlackChannel(@CheckForNull String slackChannel) {
        this.slackChannel = Util.fixEmptyAndTrim(slackChannel);
    }

    @CheckForNull
    public String getSlackCredentialsId() {
        return slackCredentialsId;
    }

    /** Id of the Secret text credential with the Slack bot token; overrides the global one. */
    @DataBoundSetter
    public void setSlackCredentialsId(@CheckForNull String slackCredentialsId) {
        this.slackCredentialsId = Util.fixEmptyAndTrim(slackCredentialsId);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new DeployTrainStepExecution(context, this);
    }

    /** Not final: {@code terraformTrain}'s descriptor is this one under another name. */
    @Extension
    public static class DescriptorImpl extends StepDescriptor {

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

        @POST
        public FormValidation doCheckSlackChannel(@AncestorInPath Item item, @QueryParameter String value) {
            if (item == null) {
                Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            } else {
                item.checkPermission(Item.CONFIGURE);
            }
            String channel = Util.fixEmptyAndTrim(value);
            return channel == null || SlackSettings.isChannel(channel)
                    ? FormValidation.ok()
                    : FormValidation.error(Messages.DeployTrainStep_badSlackChannel(channel));
        }

        /**
         * The Secret text credentials a build of this job could use, for those who may configure it; the
         * build resolves the id again, as itself, when it runs.
         */
        @POST
        public ListBoxModel doFillSlackCredentialsIdItems(
                @AncestorInPath Item item, @QueryParameter String slackCredentialsId) {
            StandardListBoxModel items = new StandardListBoxModel();
            boolean allowed = item == null
                    ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                    : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
            if (!allowed) {
                return items.includeCurrentValue(Util.fixNull(slackCredentialsId));
            }
            items.includeEmptyValue();
            if (item == null) {
                items.includeAs(ACL.SYSTEM2, Jenkins.get(), StringCredentials.class, List.of());
            } else {
                items.includeAs(
                        item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
                        item,
                        StringCredentials.class,
                        List.of());
            }
            return items.includeCurrentValue(Util.fixNull(slackCredentialsId));
        }
    }
}

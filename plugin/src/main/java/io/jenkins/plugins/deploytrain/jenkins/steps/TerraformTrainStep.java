package io.jenkins.plugins.deploytrain.jenkins.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code terraformTrain(train: 'train.yaml', tokens: ['account'], autoApproveIdenticalPlans: true) { body }}:
 * rolls one Terraform change across the fleet. Per target the body runs twice: with {@code TRAIN_PHASE=plan}
 * (it writes {@code terraform show -json} output to {@code $TRAIN_PLAN_JSON}) and, once the plan is approved,
 * with {@code TRAIN_PHASE=apply}. A plan identical to an approved one but for the target's names is approved
 * by the engine; any other waits for a person with its diff. Same train arguments as {@code deployTrain}.
 */
public class TerraformTrainStep extends DeployTrainStep {

    private List<String> tokens = List.of();

    private boolean autoApproveIdenticalPlans = true;

    @DataBoundConstructor
    public TerraformTrainStep() {}

    @NonNull
    public List<String> getTokens() {
        return tokens;
    }

    /** Names of fleet labels whose values are tokens of each environment's plans (an account id, a cell name). */
    @DataBoundSetter
    public void setTokens(List<String> tokens) {
        this.tokens = tokens == null
                ? List.of()
                : tokens.stream()
                        .map(Util::fixEmptyAndTrim)
                        .filter(Objects::nonNull)
                        .toList();
    }

    public boolean isAutoApproveIdenticalPlans() {
        return autoApproveIdenticalPlans;
    }

    @DataBoundSetter
    public void setAutoApproveIdenticalPlans(boolean autoApproveIdenticalPlans) {
        this.autoApproveIdenticalPlans = autoApproveIdenticalPlans;
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "terraformTrain";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.TerraformTrainStep_displayName();
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class);
        }

        /** The same Slack settings as {@code deployTrain}, checked by its descriptor. */
        @POST
        public FormValidation doCheckSlackChannel(@AncestorInPath Item item, @QueryParameter String value) {
            return deployTrain().doCheckSlackChannel(item, value);
        }

        @POST
        public ListBoxModel doFillSlackCredentialsIdItems(
                @AncestorInPath Item item, @QueryParameter String slackCredentialsId) {
            return deployTrain().doFillSlackCredentialsIdItems(item, slackCredentialsId);
        }

        private static DeployTrainStep.DescriptorImpl deployTrain() {
            return Jenkins.get().getDescriptorByType(DeployTrainStep.DescriptorImpl.class);
        }
    }
}

package io.jenkins.plugins.deploytrain.jenkins.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import java.util.List;
import java.util.Objects;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

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

    /** {@code deployTrain}'s descriptor under another name: the same context, block, Slack checks and help. */
    @Extension
    public static final class DescriptorImpl extends DeployTrainStep.DescriptorImpl {

        @Override
        public String getFunctionName() {
            return "terraformTrain";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.TerraformTrainStep_displayName();
        }
    }
}

package io.jenkins.plugins.deploytrain.jenkins.steps;

import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.TRAIN_ID;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.approve;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.count;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.job;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.ledgerTrain;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.script;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.train;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import hudson.model.Result;
import hudson.model.TaskListener;
import io.jenkins.plugins.deploytrain.jenkins.state.TrainRunAction;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import java.util.Map;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class DeployTrainStepTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule r) {
        this.r = r;
    }

    @Test
    void runsTheBodyOncePerTargetWithTheTrainVariablesAndReturnsTheResult() throws Exception {
        WorkflowJob p = job(r, train("1s"), script(null));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        assertThat(count(r, b, "deploying staging-eu/eu-west-1a attempt 1 of payments-api 1.2.3"), is(1L));
        assertThat(count(r, b, "deploying staging-eu/eu-west-1b attempt 1 of payments-api 1.2.3"), is(1L));
        assertThat(count(r, b, "deploying prod-eu/eu-west-1a attempt 1 of payments-api 1.2.3"), is(1L));
        r.assertLogContains(
                "result: " + TRAIN_ID
                        + " succeeded [staging-eu/eu-west-1a, staging-eu/eu-west-1b, prod-eu/eu-west-1a] []",
                b);
        TrainRunAction action = b.getAction(TrainRunAction.class);
        assertThat(action, notNullValue());
        assertThat(action.getTrainId(), is(TRAIN_ID));
        assertThat(ledgerTrain(p).status(), is(TrainStatus.SUCCEEDED));
    }

    @Test
    void aFailingBodyWaitsForApprovalAndARetryOnTheBuildPageContinuesTheTrain() throws Exception {
        WorkflowJob p = job(r, train("0s"), script("eu-west-1b"));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting for approval: deploy of staging-eu/eu-west-1b failed", b);
        assertThat(ledgerTrain(p).target("staging-eu/eu-west-1b").orElseThrow().status(), is(TargetStatus.FAILED));
        assertThat(count(r, b, "deploying prod-eu/eu-west-1a"), is(0L));

        assertThat(approve(r, b, "retry", "staging-eu/eu-west-1b").getStatusCode(), is(200));

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(count(r, b, "deploying staging-eu/eu-west-1b attempt 2"), is(1L));
        assertThat(count(r, b, "deploying prod-eu/eu-west-1a attempt 1"), is(1L));
        assertThat(ledgerTrain(p).status(), is(TrainStatus.SUCCEEDED));
    }

    @Test
    void skippingTheFailedTargetEndsTheTrainWithItInTheResult() throws Exception {
        WorkflowJob p = job(r, train("0s"), script("eu-west-1b"));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting for approval", b);

        approve(r, b, "skip", "staging-eu/eu-west-1b");

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("result: " + TRAIN_ID + " succeeded [staging-eu/eu-west-1a, prod-eu/eu-west-1a] []", b);
        assertThat(ledgerTrain(p).target("staging-eu/eu-west-1b").orElseThrow().status(), is(TargetStatus.SKIPPED));
    }

    @Test
    void abortingWhileAwaitingApprovalStopsTheTrainInTheLedger() throws Exception {
        WorkflowJob p = job(r, train("0s"), script("eu-west-1b"));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting for approval", b);

        b.doStop();

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        assertThat(ledgerTrain(p).status(), is(TrainStatus.STOPPED));
    }

    @Test
    void abortingDuringABodyStopsTheTrainAndFailsThatDeploy() throws Exception {
        WorkflowJob p = job(r, train("0s"), """
            node {
              deployTrain(train: 'train.yaml') {
                echo "deploying ${env.TRAIN_ENVIRONMENT}/${env.TRAIN_ZONE}"
                waitUntil { fileExists 'go' }
              }
            }
            """);
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("deploying staging-eu/eu-west-1a", b);

        b.doStop();

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        assertThat(ledgerTrain(p).status(), is(TrainStatus.STOPPED));
        assertThat(ledgerTrain(p).target("staging-eu/eu-west-1a").orElseThrow().status(), is(TargetStatus.FAILED));
        assertThat(count(r, b, "deploying staging-eu/eu-west-1b"), is(0L));
    }

    @Test
    void aTimeoutInsideTheBodyFailsOnlyThatDeploy() throws Exception {
        WorkflowJob p = job(r, train("0s"), """
            node {
              deployTrain(train: 'train.yaml') {
                echo "deploying ${env.TRAIN_ENVIRONMENT}/${env.TRAIN_ZONE}"
                if (env.TRAIN_ZONE == 'eu-west-1b') {
                  timeout(time: 1, unit: 'SECONDS') { sleep 60 }
                }
              }
            }
            """);
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting for approval: deploy of staging-eu/eu-west-1b failed", b);
        assertThat(ledgerTrain(p).status(), is(TrainStatus.AWAITING_APPROVAL));

        approve(r, b, "skip", "staging-eu/eu-west-1b");

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        assertThat(count(r, b, "deploying prod-eu/eu-west-1a"), is(1L));
    }

    @Test
    void theNextBuildContinuesAnUnfinishedTrainWithoutRedeployingWhatIsDone() throws Exception {
        WorkflowJob p = job(r, train("0s"), script("eu-west-1b"));
        WorkflowRun first = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("waiting for approval", first);
        first.doKill();
        r.waitForCompletion(first);
        // the approval given after the build died is kept in the ledger for the next build
        approve(r, first, "retry", "staging-eu/eu-west-1b");

        WorkflowRun second = r.buildAndAssertSuccess(p);

        r.assertLogContains("continuing train " + TRAIN_ID, second);
        assertThat(count(r, second, "deploying staging-eu/eu-west-1a"), is(0L));
        assertThat(count(r, second, "deploying staging-eu/eu-west-1b attempt "), is(1L));
        assertThat(count(r, second, "deploying prod-eu/eu-west-1a"), is(1L));
    }

    @Test
    void aMissingTrainFileFailsTheBuildNamingIt() throws Exception {
        WorkflowJob p = job(r, train("0s"), "node { deployTrain(train: 'trains/nope.yaml') { echo 'never' } }");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("deployTrain: train (trains/nope.yaml) does not exist in the workspace", b);
        r.assertLogNotContains("never", b);
    }

    @Test
    void aBadFleetFailsTheBuildWithTheFileAndLineAndNoStackTrace() throws Exception {
        WorkflowJob p = job(r, train("0s"), script(null));
        r.jenkins
                .getWorkspaceFor(p)
                .child("fleet.yaml")
                .write(TrainFiles.FLEET.replace("tier: primary", "tier: moon"), "UTF-8");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("fleet.yaml", b);
        r.assertLogContains("moon", b);
        r.assertLogNotContains("\tat io.jenkins.plugins.deploytrain", b);
        r.assertLogNotContains("deploying", b);
    }

    @Test
    void inlineArgumentsNeedAFleet() throws Exception {
        WorkflowJob p =
                job(r, train("0s"), "node { deployTrain(service: 'payments-api', version: '1.2.3') { echo 'never' } }");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("deployTrain needs fleet:", b);
    }

    @Test
    void inlineArgumentsRollTheFleetInItsOrder() throws Exception {
        WorkflowJob p = job(r, train("0s"), """
            node {
              deployTrain(service: 'payments-api', version: '1.2.3', fleet: 'fleet.yaml') {
                echo "deploying ${env.TRAIN_ENVIRONMENT}/${env.TRAIN_ZONE}"
              }
            }
            """);

        WorkflowRun b = r.buildAndAssertSuccess(p);

        assertThat(count(r, b, "deploying staging-eu/eu-west-1a"), is(1L));
        assertThat(count(r, b, "deploying prod-eu/eu-west-1a"), is(1L));
    }

    @Test
    void theStepsArgumentsRoundTrip() throws Exception {
        DeployTrainStep step = new DeployTrainStep();
        step.setTrain("deploy/train.yaml");
        step.setFleet("deploy/fleet.yaml");

        Map<String, ?> arguments = DescribableModel.uninstantiate2_(step).getArguments();
        DeployTrainStep again =
                DescribableModel.uninstantiate2_(step).instantiate(DeployTrainStep.class, TaskListener.NULL);

        assertThat(arguments, is(Map.of("train", "deploy/train.yaml", "fleet", "deploy/fleet.yaml")));
        r.assertEqualDataBoundBeans(step, again);
    }
}

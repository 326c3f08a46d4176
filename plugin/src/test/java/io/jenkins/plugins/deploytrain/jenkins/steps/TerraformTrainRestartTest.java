package io.jenkins.plugins.deploytrain.jenkins.steps;

import static io.jenkins.plugins.deploytrain.jenkins.steps.TerraformTrainFiles.job;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TerraformTrainFiles.ledgerTrain;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TerraformTrainFiles.script;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.approve;
import static io.jenkins.plugins.deploytrain.jenkins.steps.TrainFiles.count;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.deploytrain.ledger.ReviewStatus;
import io.jenkins.plugins.deploytrain.ledger.TargetStatus;
import io.jenkins.plugins.deploytrain.ledger.TrainStatus;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** A controller restart between a target's plan and its apply: the approval still applies that plan, once. */
class TerraformTrainRestartTest {

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void aPlanWaitingForReviewAcrossARestartIsAppliedOnceWithoutPlanningAgain() throws Throwable {
        sessions.then(r -> {
            WorkflowJob p = job(r, script(true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("waiting for approval: plan of prod-usw1/us-west-1c", b);
            assertThat(
                    ledgerTrain(p)
                            .target("prod-usw1/us-west-1c")
                            .orElseThrow()
                            .terraform()
                            .review()
                            .status(),
                    is(ReviewStatus.WAITING));
        });
        sessions.then(r -> {
            WorkflowJob p = r.jenkins.getItemByFullName("network", WorkflowJob.class);
            WorkflowRun b = p.getBuildByNumber(1);
            // onResume asks again, with the diff
            r.waitForMessage("Deploy Train: plan of prod-usw1/us-west-1c, to review:", b);

            assertThat(approve(r, b, "proceed", "prod-usw1/us-west-1c").getStatusCode(), is(200));
            r.waitForMessage("waiting for approval: plan of prod-apse2/ap-southeast-2c", b);
            approve(r, b, "proceed", "prod-apse2/ap-southeast-2c");

            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            assertThat(count(r, b, "body: planning prod-usw1/us-west-1c"), is(1L));
            assertThat(count(r, b, "body: applying prod-usw1/us-west-1c"), is(1L));
            assertThat(count(r, b, "body: applying prod-euw1/eu-west-1c"), is(1L));
            assertThat(ledgerTrain(p).status(), is(TrainStatus.SUCCEEDED));
            assertThat(
                    ledgerTrain(p).target("prod-usw1/us-west-1c").orElseThrow().status(), is(TargetStatus.SUCCEEDED));
        });
    }
}
